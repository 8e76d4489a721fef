import type { z } from 'zod';
import type { ApiError, ApiIssue } from './errors';
import { formatIssuePath } from './issue-path';
import { schemaIssues } from './schema-issues';

/** zod issues as the API reports them: `{ path: 'modules[3].ports.next', message }`. */
export function zodIssues(error: z.ZodError): ApiIssue[] {
  return schemaIssues(error).map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
}

/** One line per issue: `path: message`. */
export function describeIssues(issues: readonly ApiIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

/** The error of a call whose input breaks its schema, with every issue's path. */
export function inputError(route: string, error: z.ZodError): ApiError {
  const issues = zodIssues(error);
  return { code: 'invalid_input', message: `invalid input for ${route}: ${describeIssues(issues)}`, issues };
}
