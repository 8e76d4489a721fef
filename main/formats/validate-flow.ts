import { FlowFile } from '../api/formats/flow';
import { formatIssuePath } from '../api/issue-path';
import { oversizedCollections } from './collection-limits';
import type { FileIssue } from './format-error';
import { checkFlowParts, partsOfFlow, partsOfRaw } from './flow-checks';
import type { PathIssue } from './flow-checks';
import type { SourceDocument } from './source-document';
import { fileIssuesFromZod } from './zod-issues';

export interface Validated<T> {
  value: T | null;
  issues: FileIssue[];
}

/** Schema plus cross-checks; on a schema error the checks still run on the parts that parsed. */
export function validateFlowValue(doc: SourceDocument, raw: unknown, prefix: (string | number)[] = []): Validated<FlowFile> {
  const oversized = locatedIssues(doc, prefix, oversizedCollections('flow', raw));
  if (oversized.length > 0) return { value: null, issues: oversized };
  const parsed = FlowFile.safeParse(raw);
  const schemaIssues = parsed.success ? [] : fileIssuesFromZod(doc, parsed.error, prefix);
  const parts = parsed.success ? partsOfFlow(parsed.data) : partsOfRaw(raw);
  const crossIssues = locatedIssues(doc, prefix, checkFlowParts(parts));
  const issues = [...schemaIssues, ...crossIssues];
  return { value: parsed.success && issues.length === 0 ? parsed.data : null, issues };
}

/** Path issues of a check, located in the document (under `prefix`). */
export function locatedIssues(doc: SourceDocument, prefix: readonly (string | number)[], issues: readonly PathIssue[]): FileIssue[] {
  return issues.map((i) => {
    const path = [...prefix, ...i.path];
    return doc.issue(path, formatIssuePath(path), i.message, i.valueLine);
  });
}
