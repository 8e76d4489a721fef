import type { ApiErrorCode, ApiIssue } from '../api/errors';

/**
 * Why the store refused or failed:
 * - `invalid_input`, `not_found`, `conflict`: the caller asked for something wrong;
 * - `not_a_database`, `future_schema`, `migration_changed`, `corrupt`: the database file
 *   cannot be used as it is (it is left unchanged);
 * - `busy`: another program holds the database's write lock longer than the busy timeout;
 * - `read_only`: a command that writes met a file (or folder) it may not write;
 * - `io`: SQLite could not open, read or write the file (missing folder, disk full, I/O error);
 * - `outdated`: opened for reading only, the file has an older schema (upgrading it needs a writer).
 * Every message names the database file.
 */
export const STORE_ERROR_KINDS = [
  'invalid_input',
  'not_found',
  'conflict',
  'not_a_database',
  'future_schema',
  'migration_changed',
  'corrupt',
  'busy',
  'read_only',
  'io',
  'outdated',
] as const;
export type StoreErrorKind = (typeof STORE_ERROR_KINDS)[number];

/** An error the store raises on purpose, with a message meant for the user. */
export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    readonly issues: readonly ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'StoreError';
  }

  /** Whether the request was wrong (exit code 2) rather than the database unusable (exit code 3). */
  get isInvalidRequest(): boolean {
    return this.kind === 'invalid_input' || this.kind === 'not_found' || this.kind === 'conflict';
  }

  /** The API error code the host reports it with. */
  get code(): ApiErrorCode {
    switch (this.kind) {
      case 'invalid_input':
      case 'not_found':
      case 'conflict':
        return this.kind;
      case 'not_a_database':
      case 'future_schema':
      case 'migration_changed':
      case 'corrupt':
      case 'busy':
      case 'read_only':
      case 'io':
      case 'outdated':
        return 'failed';
    }
  }
}
