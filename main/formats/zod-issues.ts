import type { z } from 'zod';
import { formatIssuePath } from '../api/issue-path';
import { schemaIssues } from '../api/schema-issues';
import type { FileIssue } from './format-error';
import type { SourceDocument } from './source-document';

/** zod issues as located file issues, worded by `schemaIssues`. */
export function fileIssuesFromZod(doc: SourceDocument, error: z.ZodError, prefix: readonly PropertyKey[] = []): FileIssue[] {
  return schemaIssues(error, prefix).map(({ path, message }) => doc.issue(path, formatIssuePath(path), message));
}
