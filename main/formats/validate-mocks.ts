import { MockRoute, MocksFile } from '../api/formats/mocks';
import { checkRoutes } from './mocks-checks';
import type { SourceDocument } from './source-document';
import { oversizedCollections } from './collection-limits';
import { locatedIssues } from './validate-flow';
import type { Validated } from './validate-flow';
import { fileIssuesFromZod } from './zod-issues';

export function validateMocksValue(doc: SourceDocument, raw: unknown, prefix: (string | number)[] = []): Validated<MocksFile> {
  const oversized = locatedIssues(doc, prefix, oversizedCollections('mocks', raw));
  if (oversized.length > 0) return { value: null, issues: oversized };
  const parsed = MocksFile.safeParse(raw);
  const schemaIssues = parsed.success ? [] : fileIssuesFromZod(doc, parsed.error, prefix);
  const routes = parsed.success
    ? parsed.data.routes.map((route, index) => ({ index, route }))
    : rawRoutes(raw).flatMap((r, index) => {
        const route = MockRoute.safeParse(r);
        return route.success ? [{ index, route: route.data }] : [];
      });
  const crossIssues = locatedIssues(doc, prefix, checkRoutes(routes));
  const issues = [...schemaIssues, ...crossIssues];
  return { value: parsed.success && issues.length === 0 ? parsed.data : null, issues };
}

function rawRoutes(raw: unknown): unknown[] {
  if (typeof raw !== 'object' || raw === null) return [];
  const routes = (raw as Record<string, unknown>)['routes'];
  return Array.isArray(routes) ? routes : [];
}
