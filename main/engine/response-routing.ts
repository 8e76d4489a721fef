import type { JsonValue } from '../api/formats/common';
import { DEFAULT_SUCCESS_RULE } from '../api/formats/flow';
import type { CompiledEndpoint } from './compiled-flow';
import type { ContextStore } from './context-store';
import type { HookOutcome, ResponseDraft } from './endpoint-hooks';
import type { TrackedRequest } from './requests';

export interface PortChoice {
  port: string;
  reason: string;
}

export interface RoutingEffects {
  contexts: ContextStore;
  warn(kind: 'map_error' | 'cel_error', message: string): void;
  /** The endpoint's post hook (SPEC §7.2), run on the response before anything reads it. */
  post?(request: TrackedRequest, response: ResponseDraft): HookOutcome<ResponseDraft>;
}

/**
 * Picks the port for a settled request (SPEC §3 rule 5): custom ports in order, then the
 * success rule; failures (timeout, reset, empty, malformed, missing context) leave by
 * `failure`. `statusContext` is set on every response, `map` on success only. The post hook
 * runs first and everything after it sees the response as the hook left it; a failing hook
 * leaves by `failure` (`hook_error:post: …`).
 */
export function routeSettled(request: TrackedRequest, effects: RoutingEffects): PortChoice {
  const endpoint = request.endpoint;
  const state = request.state;
  const statusContext = endpoint.endpoint.statusContext;
  if (state.kind === 'failed') {
    if (state.status !== undefined && statusContext !== undefined) effects.contexts.set(statusContext, state.status, 'status');
    return { port: 'failure', reason: failureReason(endpoint, state.reason, state.status) };
  }
  if (state.kind !== 'arrived') return { port: 'failure', reason: 'request dropped' };

  let { status, headers, body } = state;
  if (effects.post && endpoint.endpoint.post !== undefined) {
    const hooked = effects.post(request, { status, headers, body: body ?? null });
    if (!hooked.ok) {
      if (statusContext !== undefined) effects.contexts.set(statusContext, status, 'status');
      return { port: 'failure', reason: hooked.reason };
    }
    ({ status, headers, body } = hooked.value);
  }
  if (statusContext !== undefined) effects.contexts.set(statusContext, status, 'status');
  const response: Record<string, JsonValue | undefined> = { status, headers, body: body ?? null };
  const vars = effects.contexts.celVariables(response);
  for (const port of endpoint.ports) {
    if (evaluateRule(port.when.evaluate.bind(port.when), vars, effects, `port ${port.name}`)) {
      return { port: port.name, reason: `status ${status} (${port.name}: ${port.when.source})` };
    }
  }
  if (evaluateRule(endpoint.success.evaluate.bind(endpoint.success), vars, effects, 'success rule')) {
    applyMap(endpoint, response, effects);
    return { port: 'success', reason: `status ${status}` };
  }
  const rule = endpoint.success.source === DEFAULT_SUCCESS_RULE ? 'not 2xx' : `success rule false: ${endpoint.success.source}`;
  return { port: 'failure', reason: `status ${status} (${rule})` };
}

export function failureReason(endpoint: CompiledEndpoint, reason: string, status?: number): string {
  switch (reason) {
    case 'timeout':
      return `endpoint_timeout at ${endpoint.endpoint.timeoutMs} ms`;
    case 'reset':
      return 'connection reset before a response';
    case 'empty':
      return 'connection closed with an empty response';
    case 'unrecorded':
      return 'no recorded answer for this request (replay)';
    case 'malformed':
      return `malformed response body${status !== undefined ? ` (status ${status})` : ''}`;
    default:
      return reason;
  }
}

function evaluateRule(
  evaluate: (vars: Readonly<Record<string, unknown>>) => JsonValue,
  vars: Readonly<Record<string, unknown>>,
  effects: RoutingEffects,
  what: string,
): boolean {
  try {
    return evaluate(vars) === true;
  } catch (error) {
    effects.warn('cel_error', `${what}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

function applyMap(endpoint: CompiledEndpoint, response: Record<string, JsonValue | undefined>, effects: RoutingEffects): void {
  for (const { name, expr } of endpoint.map) {
    let value: JsonValue;
    try {
      value = expr.evaluate(effects.contexts.celVariables(response));
    } catch (error) {
      effects.warn('map_error', `map ${name}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    effects.contexts.set(name, value, 'map');
  }
}
