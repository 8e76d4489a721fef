import type { z } from 'zod';
import type { ApiIssue } from './errors';
import { formatIssuePath } from './issue-path';

export function zodIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
}

/** One line per issue: `path: message`. */
export function describeIssues(issues: readonly ApiIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}
