import { FlowFile } from '../api/formats/flow';
import { formatIssuePath } from '../api/issue-path';
import type { FileIssue } from './format-error';
import { checkFlowParts, partsOfFlow, partsOfRaw } from './flow-checks';
import type { SourceDocument } from './source-document';
import { fileIssuesFromZod } from './zod-issues';

export interface Validated<T> {
  value: T | null;
  issues: FileIssue[];
}

/** Schema plus cross-checks; on a schema error the checks still run on the parts that parsed. */
export function validateFlowValue(doc: SourceDocument, raw: unknown, prefix: (string | number)[] = []): Validated<FlowFile> {
  const parsed = FlowFile.safeParse(raw);
  const schemaIssues = parsed.success ? [] : fileIssuesFromZod(doc, parsed.error, prefix);
  const parts = parsed.success ? partsOfFlow(parsed.data) : partsOfRaw(raw);
  const crossIssues = checkFlowParts(parts).map((i) => {
    const path = [...prefix, ...i.path];
    return doc.issue(path, formatIssuePath(path), i.message, i.valueLine);
  });
  const issues = [...schemaIssues, ...crossIssues];
  return { value: parsed.success && issues.length === 0 ? parsed.data : null, issues };
}
