import type { ApiIssue } from '../api/errors';
import type { FileIssue } from '../formats/format-error';
import { StoreError } from './store-error';

const SHOWN_IN_MESSAGE = 3;

/**
 * The error for an input that fails the format's checks: every issue, located by its path
 * in the input (`flow.modules[3].ports.next`) or, with `withFile`, by file and path.
 */
export function invalidInput(what: string, issues: readonly FileIssue[], withFile = false): StoreError {
  const apiIssues: ApiIssue[] = issues.map((i) => ({ path: withFile ? `${i.file} ${i.path}` : i.path, message: i.message }));
  const shown = apiIssues.slice(0, SHOWN_IN_MESSAGE).map((i) => `${i.path}: ${i.message}`);
  const more = apiIssues.length > SHOWN_IN_MESSAGE ? `; and ${apiIssues.length - SHOWN_IN_MESSAGE} more` : '';
  return new StoreError('invalid_input', `${what}: ${shown.join('; ')}${more}`, apiIssues);
}
