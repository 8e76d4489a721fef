import { contract, isRouteName, routeNames } from '../api/contract';
import type { OutputOf, ParsedInputOf, RouteName } from '../api/contract';
import type { ApiError, CallResult } from '../api/errors';
import { formatIssuePath } from '../api/issue-path';
import { tooDeepAt, tooDeepMessage } from '../api/json-shape';
import { describeIssues, inputError, zodIssues } from '../api/validate';
import { HostError } from './host-error';

export type Handler<N extends RouteName> = (input: ParsedInputOf<N>) => Promise<OutputOf<N>> | OutputOf<N>;
export type Handlers = { [N in RouteName]: Handler<N> };
export type Dispatch = (name: string, input: unknown) => Promise<CallResult<unknown>>;

export interface DispatchOptions {
  /** Called with errors that are bugs (not HostErrors), for logging. */
  onInternalError?: (route: string, error: unknown) => void;
}

/**
 * The one entry point for every call, whatever the transport (IPC, HTTP, CLI): looks the
 * route up in the contract, validates the input, runs the handler, validates the output.
 * It never throws; failures come back as `{ ok: false, error }`.
 */
export function createDispatcher(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (name, input) => {
    if (!isRouteName(name)) {
      return failure({
        code: 'unknown_route',
        message: `unknown call '${String(name)}'; the API has: ${routeNames.join(', ')}`,
      });
    }
    return run(name, input);
  };

  async function run<N extends RouteName>(name: N, input: unknown): Promise<CallResult<unknown>> {
    const route = contract[name];
    // The schema walks nested values by recursion: a value nested past the limit is refused first.
    const deep = tooDeepAt(input);
    if (deep !== null) {
      const issue = { path: formatIssuePath(deep), message: tooDeepMessage() };
      return failure({ code: 'invalid_input', message: `invalid input for ${name}: ${describeIssues([issue])}`, issues: [issue] });
    }
    const parsed = route.input.safeParse(input === null || input === undefined ? {} : input);
    if (!parsed.success) return failure(inputError(name, parsed.error));
    try {
      const handler = handlers[name] as Handler<N>;
      const value = await handler(parsed.data as ParsedInputOf<N>);
      const checked = route.output.safeParse(value);
      if (!checked.success) {
        options.onInternalError?.(name, checked.error);
        return failure({
          code: 'internal',
          message: `${name} produced an output that breaks the contract: ${describeIssues(zodIssues(checked.error))}`,
        });
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof HostError) {
        return failure({
          code: error.code,
          message: error.message,
          ...(error.issues.length > 0 ? { issues: error.issues } : {}),
        });
      }
      options.onInternalError?.(name, error);
      const message = error instanceof Error ? error.message : String(error);
      return failure({ code: 'internal', message: `${name} failed: ${message}` });
    }
  }
}

function failure(error: ApiError): CallResult<never> {
  return { ok: false, error };
}
