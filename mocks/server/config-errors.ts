import type { ApiIssue } from '../../main/api/errors';
import { describeIssues } from '../../main/api/validate';

/** A config (or route patch) the server refused; the previous config stays in force. */
export class MockConfigError extends Error {
  constructor(readonly issues: readonly ApiIssue[]) {
    super(`invalid mocks config: ${describeIssues(issues)}`);
    this.name = 'MockConfigError';
  }
}

/** A patch named a route id the config does not have. */
export class UnknownRouteError extends Error {
  constructor(
    readonly routeId: string,
    readonly known: readonly string[],
  ) {
    super(`no route '${routeId}'; the routes are: ${known.join(', ') || '(none)'}`);
    this.name = 'UnknownRouteError';
  }
}
