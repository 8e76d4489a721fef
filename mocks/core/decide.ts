import type { JsonValue } from '../../main/api/formats/common';
import type { Fault } from '../../main/api/formats/mocks';
import { toCelVariables } from '../../main/expr/cel';
import { lookupIn, renderJson, renderTemplate } from '../../main/expr/template';
import type { CompiledMocks, CompiledRoute } from './compile-mocks';
import { pickFault } from './faults';
import { sampleLatency } from './latency';
import type { MockRequest } from './mock-request';
import { SESSION_HEADER } from './mock-request';
import { nearMisses } from './near-miss';
import type { NearMiss } from './near-miss';
import type { RequestCounters } from './request-counters';
import { MockStates } from './mock-state';
import type { StateValues } from './mock-state';
import { changeState, servesBody } from './state-change';
import { requestDraws } from './seeded-rng';

export type FaultKind = Fault['kind'];

export interface MatchedDecision {
  kind: 'matched';
  routeId: string;
  /** 1-based number of this request on this route in its session. */
  n: number;
  session: string;
  params: Record<string, string>;
  latencyMs: number;
  fault: FaultKind | null;
  /** For slow_body: the body is sent in pieces over this many ms after the latency. */
  slowBodyMs: number;
  status: number;
  headers: Record<string, string>;
  /** The JSON body (undefined: no body). */
  body: JsonValue | undefined;
  /** What goes on the wire (invalid JSON for `malformed`). */
  bodyText: string;
  /** Index of the chosen response, null when a status fault or no candidate answered. */
  responseIndex: number | null;
  /** The session's mock state when the request came in (what `when` saw) and after it was served. */
  stateBefore: StateValues;
  stateAfter: StateValues;
  warnings: string[];
}

export interface UnmatchedDecision {
  kind: 'unmatched';
  session: string;
  status: 404;
  headers: Record<string, string>;
  body: { error: 'no_route'; method: string; path: string; closest: NearMiss[] };
  bodyText: string;
  /** The session's mock state (an unmatched request does not change it). */
  stateBefore: StateValues;
  stateAfter: StateValues;
}

export type Decision = MatchedDecision | UnmatchedDecision;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/**
 * Decides the whole answer to one request: route, response, latency, fault and state change.
 * Pure but for the per-session counters and states; the Express server and the virtual
 * transport both call it. Without `states` the mocks' initial state is read and nothing is kept.
 */
export function decide(
  mocks: CompiledMocks,
  request: MockRequest,
  counters: RequestCounters,
  seed = mocks.seed,
  states: MockStates = new MockStates(mocks.source.state),
): Decision {
  const session = request.headers[SESSION_HEADER] ?? '';
  const method = request.method.toUpperCase();
  for (const compiled of mocks.routes) {
    if (compiled.route.method !== method) continue;
    const params = compiled.matchPath(request.path);
    if (params === null) continue;
    const n = counters.next(session, compiled.route.id);
    return decideForRoute(compiled, request, params, n, session, seed, states);
  }
  const state = states.get(session);
  const body = {
    error: 'no_route' as const,
    method,
    path: request.path,
    closest: nearMisses(mocks.routes, request),
  };
  return { kind: 'unmatched', session, status: 404, headers: { ...JSON_HEADERS }, body, bodyText: JSON.stringify(body), stateBefore: state, stateAfter: state };
}

function decideForRoute(
  compiled: CompiledRoute,
  request: MockRequest,
  params: Record<string, string>,
  n: number,
  session: string,
  seed: number,
  states: MockStates,
): MatchedDecision {
  const { route } = compiled;
  const draws = requestDraws(seed, route.id, n);
  const warnings: string[] = [];
  const stateBefore = states.get(session);
  const view: Record<string, JsonValue | undefined> = {
    params,
    query: request.query,
    headers: request.headers,
    body: request.body ?? null,
    method: request.method.toUpperCase(),
    path: request.path,
    state: stateBefore,
  };
  const latencyMs = sampleLatency(route.latency, n, draws);
  const fault = pickFault(route.faults, n, draws);

  if (fault?.kind === 'status') {
    const body = fault.body ?? { error: `injected status ${fault.status}` };
    return {
      // Field by field, never `{ ...common, more }`: Node 20's V8 builds that object some 100× slower (µs a request).
      kind: 'matched',
      routeId: route.id,
      n,
      session,
      params,
      latencyMs,
      warnings,
      stateBefore,
      fault: 'status',
      slowBodyMs: 0,
      status: fault.status,
      headers: { ...JSON_HEADERS, ...(fault.headers ?? {}) },
      body,
      bodyText: JSON.stringify(body),
      responseIndex: null,
      stateAfter: stateBefore,
    };
  }

  // Converting the request for CEL costs more than matching: only when a rule needs it.
  let vars: ReturnType<typeof toCelVariables> | null = null;
  const candidates = compiled.responses
    .map((r, index) => ({ r, index }))
    .filter(({ r }) => {
      if (r.when === null) return true;
      try {
        vars ??= toCelVariables(view);
        return r.when.evaluate(vars) === true;
      } catch (error) {
        warnings.push(`response when '${r.when.source}': ${error instanceof Error ? error.message : String(error)}`);
        return false;
      }
    });

  const chosen = pickCandidate(candidates, route.pick, n, () => draws.uniform('pick'));
  let status: number;
  let headers: Record<string, string>;
  let body: JsonValue | undefined = undefined;
  if (chosen === null) {
    status = 404;
    headers = { ...JSON_HEADERS };
    body = { error: 'no_response', route: route.id, message: `no response of route '${route.id}' matched the request` };
  } else {
    const lookup = lookupIn(view);
    const response = chosen.r.response;
    // `template: false`: served exactly as written (a recorded body's braces are text).
    const verbatim = response.template === false;
    status = response.status;
    headers = {};
    if (response.body !== undefined) Object.assign(headers, JSON_HEADERS);
    const missing: string[] = [];
    for (const [name, value] of Object.entries(response.headers)) {
      const rendered = verbatim ? { value, missing: [] } : renderTemplate(value, lookup);
      headers[name.toLowerCase()] = rendered.value;
      missing.push(...rendered.missing);
    }
    if (response.body !== undefined) {
      const rendered = verbatim ? { value: response.body, missing: [] } : renderJson(response.body, lookup);
      body = rendered.value;
      missing.push(...rendered.missing);
    }
    if (missing.length > 0) for (const name of new Set(missing)) warnings.push(`missing_template_value: {{${name}}} is not in the request`);
  }
  // A string body whose response says it is not JSON (text/plain, text/html…) goes out as is.
  const contentType = headers['content-type'];
  const asText = typeof body === 'string' && contentType !== undefined && !/[/+]json\b/i.test(contentType);
  const bodyText = body === undefined ? '' : asText ? (body as string) : JSON.stringify(body);
  const faultKind = fault?.kind ?? null;
  const setState = chosen?.r.response.setState;
  const stateAfter = setState !== undefined && servesBody(faultKind) ? changeState(states, session, setState, lookupIn(view), warnings) : stateBefore;
  return {
    kind: 'matched',
    routeId: route.id,
    n,
    session,
    params,
    latencyMs,
    warnings,
    stateBefore,
    fault: faultKind,
    slowBodyMs: fault?.kind === 'slow_body' ? fault.ms : 0,
    status,
    headers,
    body,
    bodyText: faultKind === 'malformed' ? malform(bodyText) : bodyText,
    responseIndex: chosen?.index ?? null,
    stateAfter,
  };
}

function pickCandidate<T extends { r: { response: { weight: number } } }>(
  candidates: readonly T[],
  pick: 'first' | 'sequence' | 'random',
  n: number,
  draw: () => number,
): T | null {
  if (candidates.length === 0) return null;
  if (pick === 'first') return candidates[0] ?? null;
  if (pick === 'sequence') return candidates[(n - 1) % candidates.length] ?? null;
  const total = candidates.reduce((sum, c) => sum + c.r.response.weight, 0);
  let x = draw() * total;
  for (const c of candidates) {
    x -= c.r.response.weight;
    if (x < 0) return c;
  }
  return candidates[candidates.length - 1] ?? null;
}

/** Invalid JSON that still looks like the start of the real body. */
function malform(text: string): string {
  const start = text === '' ? '{"' : text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  return `${start}\u0000<!-- malformed by flowbench`;
}
