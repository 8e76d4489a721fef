import { LIMITS } from '../api/formats/common';
import type { PathIssue } from './flow-checks';

interface CollectionLimit {
  key: string;
  max: number;
  what: string;
}

const FLOW_LIMITS: readonly CollectionLimit[] = [
  { key: 'modules', max: LIMITS.modules, what: 'modules' },
  { key: 'endpoints', max: LIMITS.endpoints, what: 'endpoints' },
];
const MOCKS_LIMITS: readonly CollectionLimit[] = [{ key: 'routes', max: LIMITS.routes, what: 'routes' }];
const SCENARIO_LIMITS: readonly CollectionLimit[] = [
  { key: 'scenarios', max: LIMITS.scenarios, what: 'scenarios' },
  { key: 'user', max: LIMITS.steps, what: 'user steps' },
  { key: 'expect', max: LIMITS.steps, what: 'checks' },
];

/**
 * The big lists of a document that are over their limit, found before the schema and the
 * cross-checks do the heavy work of validating every item (the schemas hold the same
 * limits, so a value that passes here is still checked in full).
 */
export function oversizedCollections(kind: 'flow' | 'mocks' | 'scenario', raw: unknown): PathIssue[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  const record = raw as Readonly<Record<string, unknown>>;
  const limits = kind === 'flow' ? FLOW_LIMITS : kind === 'mocks' ? MOCKS_LIMITS : SCENARIO_LIMITS;
  const issues: PathIssue[] = [];
  for (const { key, max, what } of limits) {
    const list = record[key];
    if (Array.isArray(list) && list.length > max) {
      issues.push({ path: [key], message: `too many ${what}: ${list.length} (the limit is ${max} per file)` });
    }
  }
  return issues;
}
