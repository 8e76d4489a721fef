import type { JsonValue } from '../api/formats/common';
import { lookupIn, renderJson, renderTemplate } from '../expr/template';
import type { Lookup } from '../expr/template';
import type { Clock, TimerHandle } from './clock';
import { TaskPriority } from './clock';
import type { CompiledEndpoint } from './compiled-flow';
import type { EndpointHooks, RequestDraft } from './endpoint-hooks';
import type { TraceRecorder } from './trace';
import type { InFlight, OutgoingRequest, Transport, TransportOutcome } from './transport';

export const SESSION_HEADER = 'x-flowbench-session';
export const MODULE_HEADER = 'x-flowbench-module';

export type RequestState =
  | { kind: 'in_flight' }
  | { kind: 'arrived'; arrival: number; status: number; headers: Record<string, string>; body: JsonValue | undefined }
  | { kind: 'failed'; at: number; reason: string; status?: number }
  | { kind: 'dropped' };

/** One request of a run, from send to arrival, failure or abandonment. */
export interface TrackedRequest {
  readonly id: string;
  readonly endpoint: CompiledEndpoint;
  readonly module: string;
  readonly mode: 'blocking' | 'async';
  readonly sentAt: number;
  readonly deadline: number;
  state: RequestState;
  /** Called once when the request settles (arrives or fails), if someone waits for it. */
  waiter: ((request: TrackedRequest) => void) | null;
  inFlight: InFlight | null;
  deadlineTimer: TimerHandle | null;
}

/**
 * Sends requests and keeps each one's life: render the templates (a missing context fails
 * it at once, nothing sent), enforce the endpoint deadline, record response or failure at
 * the moment it happens, and wake whoever waits.
 */
export class RequestTracker {
  private seq = 0;
  private readonly open = new Set<TrackedRequest>();

  constructor(
    private readonly clock: Clock,
    private readonly transport: Transport,
    private readonly trace: TraceRecorder,
    private readonly sessionId: string,
    private readonly hooks?: Pick<EndpointHooks, 'pre'>,
  ) {}

  send(endpoint: CompiledEndpoint, module: string, mode: 'blocking' | 'async', lookup: Lookup): TrackedRequest {
    const now = this.clock.now();
    const spec = endpoint.endpoint;
    const id = `r${++this.seq}`;
    const base = { id, endpoint, module, mode, sentAt: now, deadline: now + spec.timeoutMs, waiter: null, inFlight: null, deadlineTimer: null };

    const url = renderTemplate(spec.url, lookup, encodeURIComponent);
    const headers: Record<string, string> = {};
    const missing = [...url.missing];
    for (const [name, value] of Object.entries(spec.headers)) {
      const rendered = renderTemplate(value, lookup);
      missing.push(...rendered.missing);
      headers[name.toLowerCase()] = rendered.value;
    }
    const body = renderJson(spec.body, lookup);
    missing.push(...body.missing);
    if (missing.length > 0) {
      const reason = `missing_context:${missing[0]}`;
      this.trace.push({ type: 'request_failed', t: now, id, endpoint: spec.id, reason });
      return { ...base, state: { kind: 'failed', at: now, reason } };
    }

    let draft: RequestDraft = { method: spec.method, url: url.value, headers, body: body.value };
    if (this.hooks) {
      const hooked = this.hooks.pre(endpoint, draft, module, id);
      if (!hooked.ok) {
        this.trace.push({ type: 'request_failed', t: now, id, endpoint: spec.id, reason: hooked.reason });
        return { ...base, state: { kind: 'failed', at: now, reason: hooked.reason } };
      }
      draft = { ...hooked.value, headers: { ...hooked.value.headers } };
    }

    draft.headers[SESSION_HEADER] = this.sessionId;
    draft.headers[MODULE_HEADER] = module;
    if (draft.body !== null && draft.headers['content-type'] === undefined) draft.headers['content-type'] = 'application/json';
    const request: TrackedRequest = { ...base, state: { kind: 'in_flight' } };
    const outgoing: OutgoingRequest = {
      id,
      endpoint: spec.id,
      module,
      method: draft.method,
      url: draft.url,
      headers: draft.headers,
      body: draft.body === null ? undefined : draft.body,
      timeoutMs: spec.timeoutMs,
      sentAt: now,
    };
    this.trace.push({
      type: 'request',
      t: now,
      id,
      endpoint: spec.id,
      module,
      mode,
      method: outgoing.method,
      url: outgoing.url,
      deadline: request.deadline,
      headers: sentHeaders(outgoing.headers),
      ...(outgoing.body !== undefined ? { body: outgoing.body } : {}),
    });
    this.open.add(request);
    request.deadlineTimer = this.clock.schedule(request.deadline, TaskPriority.deadline, () => this.expire(request));
    request.inFlight = this.transport.send(outgoing, (outcome) => this.arrive(request, outcome));
    return request;
  }

  /** Abandons a request: no event for it any more, its answer is dropped. */
  drop(request: TrackedRequest): void {
    if (request.state.kind === 'in_flight') {
      request.inFlight?.abort();
      if (request.deadlineTimer) this.clock.cancel(request.deadlineTimer);
    }
    request.state = { kind: 'dropped' };
    request.waiter = null;
    this.open.delete(request);
  }

  /** Abandons every request still in flight (the run ended). */
  dropAll(): void {
    for (const request of [...this.open]) this.drop(request);
  }

  /** The caller hung up at `t`: every request in flight is aborted, each with a `request_abandoned` event. */
  abandonAll(t: number): void {
    for (const request of [...this.open]) {
      if (request.state.kind !== 'in_flight') continue;
      this.trace.push({ type: 'request_abandoned', t, id: request.id, endpoint: request.endpoint.endpoint.id });
      this.drop(request);
    }
  }

  private arrive(request: TrackedRequest, outcome: TransportOutcome): void {
    if (request.state.kind !== 'in_flight') return;
    const now = this.clock.now();
    if (now > request.deadline) {
      this.expire(request);
      return;
    }
    if (request.deadlineTimer) this.clock.cancel(request.deadlineTimer);
    if (outcome.kind === 'response') {
      request.state = { kind: 'arrived', arrival: now, status: outcome.status, headers: outcome.headers, body: outcome.body };
      this.trace.push({
        type: 'response',
        t: now,
        id: request.id,
        status: outcome.status,
        arrival: now,
        headers: { ...outcome.headers },
        ...(outcome.body !== undefined ? { body: outcome.body } : {}),
      });
    } else {
      request.state = { kind: 'failed', at: now, reason: outcome.error, ...(outcome.status !== undefined ? { status: outcome.status } : {}) };
      this.trace.push({
        type: 'request_failed',
        t: now,
        id: request.id,
        endpoint: request.endpoint.endpoint.id,
        reason: outcome.error,
        ...(outcome.status !== undefined ? { status: outcome.status } : {}),
      });
    }
    this.settle(request);
  }

  private expire(request: TrackedRequest): void {
    if (request.state.kind !== 'in_flight') return;
    const now = this.clock.now();
    request.inFlight?.abort();
    request.state = { kind: 'failed', at: now, reason: 'timeout' };
    this.trace.push({ type: 'request_failed', t: now, id: request.id, endpoint: request.endpoint.endpoint.id, reason: 'timeout' });
    this.settle(request);
  }

  private settle(request: TrackedRequest): void {
    this.open.delete(request);
    const waiter = request.waiter;
    request.waiter = null;
    waiter?.(request);
  }
}

/** Context lookup for templates, over a store's current values. */
export function contextLookup(get: (name: string) => JsonValue | undefined): Lookup {
  return (path) => {
    const root = get(path[0] ?? '');
    if (path.length === 1 || root === undefined) return root;
    return lookupIn({ root })(['root', ...path.slice(1)]);
  };
}

/** The headers a request carries for the bot's API: flowbench's own (session, module) left out. */
function sentHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (name !== SESSION_HEADER && name !== MODULE_HEADER) out[name] = value;
  return out;
}
