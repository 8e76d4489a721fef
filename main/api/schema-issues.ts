import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

export interface SchemaIssue {
  path: PropertyKey[];
  message: string;
}

/**
 * zod issues the way flowbench words them, for files and editors alike: a union that fails
 * is reported through the branch the input was closest to, so `{ ports: { next: 3 } }` says
 * what is wrong with `next`, not just "invalid input"; unknown keys come one by one.
 */
export function schemaIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): SchemaIssue[] {
  return error.issues.flatMap((issue) => flatten(issue, [...prefix, ...issue.path]));
}

function flatten(issue: Issue, path: readonly PropertyKey[]): SchemaIssue[] {
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const best = closestBranch(issue.errors);
    if (best !== null) return best.flatMap((inner) => flatten(inner, [...path, ...inner.path]));
    return [{ path: [...path], message: issue.message === 'Invalid input' ? 'does not match any accepted form' : issue.message }];
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...path, key], message: `unknown field '${key}'` }));
  }
  return [{ path: [...path], message: tidy(issue) }];
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
