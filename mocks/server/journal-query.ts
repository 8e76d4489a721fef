import type { ApiIssue } from '../../main/api/errors';
import { JournalFilter } from '../../main/api/routes/mocks';
import { zodIssues } from '../../main/api/validate';

const NUMERIC = /^\d+$/;

/**
 * Reads `?route=&session=&status=&since=&after=&limit=` into a JournalFilter. Returns the
 * issues (with the parameter name as path) when a value is wrong.
 */
export function parseJournalQuery(query: Record<string, unknown>): { filter: JournalFilter } | { issues: ApiIssue[] } {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    const text = Array.isArray(value) ? value[value.length - 1] : value;
    raw[key] = (key === 'after' || key === 'limit' || key === 'status') && typeof text === 'string' && NUMERIC.test(text) ? Number(text) : text;
  }
  const parsed = JournalFilter.safeParse(raw);
  return parsed.success ? { filter: parsed.data } : { issues: zodIssues(parsed.error) };
}
