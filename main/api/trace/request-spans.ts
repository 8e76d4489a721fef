import type { TraceEvent } from '../formats/trace';

/** `abandoned`: the caller hung up while it was in flight. */
export type RequestOutcome = 'response' | 'failed' | 'superseded' | 'abandoned' | 'open';

/** One request of a run, from the moment it was sent to the moment it stopped being in flight. */
export interface RequestSpan {
  id: string;
  endpoint: string;
  /** The module that sent it; null for a request that failed before it was sent (no `request` event). */
  module: string | null;
  mode: 'blocking' | 'async' | null;
  method: string | null;
  url: string | null;
  sentAt: number;
  /** Sent time + the endpoint's timeoutMs; null when it was never sent. */
  deadline: number | null;
  /**
   * Where its bar ends: the arrival of the response, the failure (timeout, reset, …), the
   * moment a newer request superseded it or the caller hung up, or the end of the run when
   * it was still in flight.
   */
  endAt: number;
  outcome: RequestOutcome;
  status: number | null;
  /** Why it failed (`timeout`, `reset`, `missing_context:order_id`, …). */
  reason: string | null;
  /** When an await (or the blocking api) routed its answer; null when nobody did. */
  consumedAt: number | null;
  /** Index in the trace of its `request` event (or of the `request_failed` when never sent). */
  eventIndex: number;
  /** Index of the event that ended its bar; null while open. */
  endIndex: number | null;
}

/** Every request of a run with its outcome, in the order they were sent. */
export function requestSpans(trace: readonly TraceEvent[]): RequestSpan[] {
  const spans: RequestSpan[] = [];
  const byId = new Map<string, RequestSpan>();
  const lastBlocking = new Map<string, RequestSpan>();
  let lastT = 0;
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i] as TraceEvent;
    lastT = Math.max(lastT, e.t);
    switch (e.type) {
      case 'request': {
        const span: RequestSpan = {
          id: e.id,
          endpoint: e.endpoint,
          module: e.module,
          mode: e.mode,
          method: e.method,
          url: e.url,
          sentAt: e.t,
          deadline: e.deadline,
          endAt: e.t,
          outcome: 'open',
          status: null,
          reason: null,
          consumedAt: null,
          eventIndex: i,
          endIndex: null,
        };
        spans.push(span);
        byId.set(e.id, span);
        if (e.mode === 'blocking') lastBlocking.set(e.module, span);
        break;
      }
      case 'response': {
        const span = byId.get(e.id);
        if (span && span.outcome === 'open') Object.assign(span, { outcome: 'response', status: e.status, endAt: e.arrival, endIndex: i });
        break;
      }
      case 'request_failed': {
        const span = byId.get(e.id);
        if (span) {
          if (span.outcome === 'open') Object.assign(span, { outcome: 'failed', reason: e.reason, status: e.status ?? null, endAt: e.t, endIndex: i });
        } else {
          // Failed before it was sent (a context it needs is missing): a zero-length bar.
          const failed: RequestSpan = {
            id: e.id,
            endpoint: e.endpoint,
            module: null,
            mode: null,
            method: null,
            url: null,
            sentAt: e.t,
            deadline: null,
            endAt: e.t,
            outcome: 'failed',
            status: e.status ?? null,
            reason: e.reason,
            consumedAt: null,
            eventIndex: i,
            endIndex: i,
          };
          spans.push(failed);
          byId.set(e.id, failed);
        }
        break;
      }
      case 'request_abandoned': {
        const span = byId.get(e.id);
        if (span && span.outcome === 'open') Object.assign(span, { outcome: 'abandoned', endAt: e.t, endIndex: i });
        break;
      }
      case 'warning': {
        if (e.kind !== 'superseded' || e.id === undefined) break;
        const span = byId.get(e.id);
        if (span && span.outcome === 'open') Object.assign(span, { outcome: 'superseded', endAt: e.t, endIndex: i });
        break;
      }
      case 'await': {
        if (e.id === null || (e.outcome !== 'ready' && e.outcome !== 'routed' && e.outcome !== 'failed')) break;
        const span = byId.get(e.id);
        if (span && span.consumedAt === null) span.consumedAt = e.t;
        break;
      }
      case 'port': {
        // A blocking api routes its answer when it leaves.
        const span = lastBlocking.get(e.module);
        if (span && span.consumedAt === null && span.outcome !== 'open') span.consumedAt = e.t;
        lastBlocking.delete(e.module);
        break;
      }
      default:
        break;
    }
  }
  for (const span of spans) if (span.outcome === 'open') span.endAt = Math.max(span.sentAt, lastT);
  return spans;
}
