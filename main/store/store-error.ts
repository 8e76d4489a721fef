import type { ApiErrorCode, ApiIssue } from '../api/errors';

/**
 * Why the store refused or failed:
 * - `invalid_input`, `not_found`, `conflict`: the caller asked for something wrong;
 * - `not_a_database`, `future_schema`, `migration_changed`, `corrupt`: the database file
 *   cannot be used as it is (it is left unchanged);
 * - `busy`: another program holds the database's write lock longer than the busy timeout.
 */
export type StoreErrorKind =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'not_a_database'
  | 'future_schema'
  | 'migration_changed'
  | 'corrupt'
  | 'busy';

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
        return 'failed';
    }
  }
}
