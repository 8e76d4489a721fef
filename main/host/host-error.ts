import type { ApiErrorCode, ApiIssue } from '../api/errors';

/** An error a handler raises on purpose; it reaches the UI with its code and issues. */
export class HostError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'HostError';
  }
}
