import type { ApiIssue } from '../../main/api/errors';
import { RouteOverride } from '../../main/api/formats/mocks';
import type { MockRoute, MocksFile } from '../../main/api/formats/mocks';
import type { FileIssue } from '../../main/formats/format-error';
import { checkRoutes } from '../../main/formats/mocks-checks';
import type { SourceDocument } from '../../main/formats/source-document';
import { validateMocksValue } from '../../main/formats/validate-mocks';
import { fileIssuesFromZod } from '../../main/formats/zod-issues';
import { formatIssuePath } from '../../main/api/issue-path';
import { tooDeepAt, tooDeepMessage } from '../../main/api/json-shape';
import { MockConfigError } from './config-errors';

/**
 * A value that came over HTTP or the API, not from a file: same issue paths as the file
 * loader gives, without line numbers.
 */
function valueDocument(value: unknown): SourceDocument {
  return {
    file: '(config)',
    value,
    locate: () => undefined,
    issue: (_path, pathText, message): FileIssue => ({ file: '(config)', path: pathText, message }),
  };
}

/** A body nested past the limit is refused before the schema walks it (which recurses). */
function refuseTooDeep(raw: unknown): void {
  const path = tooDeepAt(raw);
  if (path !== null) throw new MockConfigError([{ path: formatIssuePath(path), message: tooDeepMessage() }]);
}

function toApiIssues(issues: readonly FileIssue[]): ApiIssue[] {
  return issues.map((i) => ({ path: i.path, message: i.message }));
}

/** Parses a whole mocks config with the file schema and the loader's cross-checks; throws MockConfigError. */
export function parseMocksConfig(raw: unknown): MocksFile {
  refuseTooDeep(raw);
  const checked = validateMocksValue(valueDocument(raw), raw);
  if (checked.value === null || checked.issues.length > 0) throw new MockConfigError(toApiIssues(checked.issues));
  return checked.value;
}

/** Checks a typed config (built in code) the same way; throws MockConfigError. */
export function checkMocksConfig(mocks: MocksFile): MocksFile {
  return parseMocksConfig(mocks);
}

/** Parses a route patch (latency, faults, responses, pick); throws MockConfigError with paths inside the patch. */
export function parseRouteOverride(raw: unknown): RouteOverride {
  refuseTooDeep(raw);
  const parsed = RouteOverride.safeParse(raw);
  if (!parsed.success) throw new MockConfigError(toApiIssues(fileIssuesFromZod(valueDocument(raw), parsed.error)));
  return parsed.data;
}

/** Cross-checks one patched route (CEL rules, templates), with paths as in the patch (`responses[0].when`). */
export function checkPatchedRoute(route: MockRoute): void {
  const issues = checkRoutes([{ index: 0, route }], []).map((i) => ({ path: formatIssuePath(i.path.slice(1)), message: i.message }));
  if (issues.length > 0) throw new MockConfigError(issues);
}
