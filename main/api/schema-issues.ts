import type { z } from 'zod';
import { issueWords } from './issue-words';

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
  return distinct(error.issues.flatMap((issue) => flatten(issue, [...prefix, ...issue.path])));
}

/**
 * Each problem once: the same words at the same place are one problem, and of two limits on
 * one value (`int()` and `max(100)` both too big) only the one a user can act on is kept.
 */
function distinct(issues: readonly SchemaIssue[]): SchemaIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path.map(String).join('\u0000')}\u0001${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return !(/^expected at most 9007199254740991$/.test(issue.message) && issues.some((o) => o !== issue && samePath(o.path, issue.path) && o.message.startsWith('expected at most')));
  });
}

function samePath(a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
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
  return [{ path: [...path], message: issueWords(issue, words) }];
}

/** Issues nested in one (a record key, a map or set element), in words, on one line. */
function words(issues: readonly Issue[]): string {
  return [...new Set(issues.map((i) => issueWords(i, words)))].join('; ');
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
