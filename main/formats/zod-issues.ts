import type { z } from 'zod';
import { formatIssuePath } from '../api/issue-path';
import type { FileIssue } from './format-error';
import type { SourceDocument } from './source-document';

type Issue = z.core.$ZodIssue;

/**
 * Turns zod issues into located file issues. A union that fails is reported through the
 * branch the input was closest to, so `{ ports: { next: 3 } }` says what is wrong with
 * `next`, not just "invalid input".
 */
export function fileIssuesFromZod(doc: SourceDocument, error: z.ZodError, prefix: readonly PropertyKey[] = []): FileIssue[] {
  return error.issues.flatMap((issue) => flatten(issue, [...prefix, ...issue.path])).map(({ path, message }) =>
    doc.issue(path, formatIssuePath(path), message),
  );
}

function flatten(issue: Issue, path: readonly PropertyKey[]): { path: readonly PropertyKey[]; message: string }[] {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const best = closestBranch(issue.errors);
    if (best !== null) return best.flatMap((inner) => flatten(inner, [...path, ...inner.path]));
    return [{ path, message: issue.message === 'Invalid input' ? 'does not match any accepted form' : issue.message }];
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...path, key], message: `unknown field '${key}'` }));
  }
  return [{ path, message: tidy(issue) }];
}

/** The branch whose issues are all inside it (no missing or unknown top-level keys), fewest first. */
function closestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | null {
  const fitting = branches.filter((issues) => issues.every((i) => !isShapeMismatch(i)));
  if (fitting.length === 0) return null;
  return fitting.reduce((a, b) => (b.length < a.length ? b : a));
}

function isShapeMismatch(issue: Issue): boolean {
  if (issue.code === 'unrecognized_keys' && issue.path.length === 0) return true;
  if (issue.code === 'invalid_type' && issue.path.length <= 1 && issue.message.endsWith('received undefined')) return true;
  if (issue.code === 'invalid_type' && issue.path.length === 0) return true;
  return false;
}

function tidy(issue: Issue): string {
  if (issue.code === 'invalid_union' && issue.message.startsWith('Invalid discriminator') && 'options' in issue && Array.isArray(issue.options)) {
    return `expected one of: ${issue.options.map(String).join(', ')}`;
  }
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
    return `missing field (expected ${issue.expected})`;
  }
  return issue.message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
}
