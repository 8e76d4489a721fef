import type { JsonValue } from '../formats/common';
import { assertNever } from '../formats/trace';
import type { TraceEvent } from '../formats/trace';
import { codeRuns } from './code-runs';
import type { CodeRunView } from './code-runs';
import { requestSpans } from './request-spans';
import type { RequestOutcome, RequestSpan } from './request-spans';

/** A stretch of a request's life, as in a DevTools waterfall. */
export interface RequestPhase {
  /**
   * queued: from the sending module's entry to the send (templates, pre hook; zero time in
   * virtual time); waiting: on the wire, from the send to the answer, the failure or the
   * moment the bot stopped caring; unread: an async answer waiting for its api_await.
   */
  phase: 'queued' | 'waiting' | 'unread';
  start: number;
  end: number;
}

/** How the wire part ended: the answer arrived, the request failed (timeout at the deadline, reset, …), or nobody waited any more. */
export type RequestEnd = 'arrival' | 'timeout' | 'failed' | 'abandoned' | 'superseded' | 'open';

/** Everything the trace says about one request: what was sent, what came back, and when (SPEC §3 rules 4–7). */
export interface RequestInspection {
  id: string;
  endpoint: string;
  module: string | null;
  mode: 'blocking' | 'async' | null;
  outcome: RequestOutcome;
  /** The rendered request as sent (after the pre hook); null when it failed before it was sent. */
  sent: { method: string; url: string; headers: Record<string, string>; body?: JsonValue } | null;
  /** The response as received (before the post hook). */
  response: { status: number; headers: Record<string, string>; body?: JsonValue } | null;
  /** Why it failed (`timeout`, `reset`, `missing_context:order_id`, `hook_error:pre: …`). */
  failure: { reason: string; status: number | null } | null;
  queuedAt: number;
  sentAt: number;
  /** Where the wire part ended, and how. */
  endedAt: number;
  ended: RequestEnd;
  /** sent → answer, when it was answered. */
  latencyMs: number | null;
  deadline: number | null;
  /** deadline − arrival: how close the answer came to the endpoint timeout. */
  marginMs: number | null;
  /** When an await (or the blocking api) read the answer or the failure. */
  readAt: number | null;
  phases: RequestPhase[];
  /** Its pre and post hooks, when the endpoint has them. */
  hooks: CodeRunView[];
}

/**
 * The inspection of request `id`, or null when the trace has no such request. A view that
 * inspects often (at each scrub step) passes the trace's request spans and code runs, made once.
 */
export function inspectRequest(trace: readonly TraceEvent[], id: string, spans: readonly RequestSpan[] = requestSpans(trace), runs: readonly CodeRunView[] = codeRuns(trace)): RequestInspection | null {
  const span = spans.find((s) => s.id === id);
  if (!span) return null;
  const sentEvent = trace[span.eventIndex];
  const sent = sentEvent?.type === 'request' ? sentEvent : null;
  const endEvent = span.endIndex === null ? undefined : trace[span.endIndex];

  // The module that sent it started at its last entry before the send.
  let queuedAt = span.sentAt;
  if (span.module !== null) {
    for (let i = span.eventIndex; i >= 0; i--) {
      const e = trace[i] as TraceEvent;
      if (e.type === 'enter' && e.module === span.module) {
        queuedAt = e.t;
        break;
      }
    }
  }

  const response = endEvent?.type === 'response' ? { status: endEvent.status, headers: endEvent.headers ?? {}, ...(endEvent.body !== undefined ? { body: endEvent.body } : {}) } : null;
  const failure = span.outcome === 'failed' ? { reason: span.reason ?? 'failed', status: span.status } : null;
  const ended: RequestEnd =
    span.outcome === 'response' ? 'arrival' : span.outcome === 'failed' ? (span.reason === 'timeout' ? 'timeout' : 'failed') : span.outcome;
  const phases: RequestPhase[] = [];
  if (sent !== null) {
    phases.push({ phase: 'queued', start: queuedAt, end: span.sentAt });
    phases.push({ phase: 'waiting', start: span.sentAt, end: span.endAt });
    if (span.consumedAt !== null && span.consumedAt > span.endAt) phases.push({ phase: 'unread', start: span.endAt, end: span.consumedAt });
  }
  return {
    id,
    endpoint: span.endpoint,
    module: span.module,
    mode: span.mode,
    outcome: span.outcome,
    sent: sent === null ? null : { method: sent.method, url: sent.url, headers: sent.headers ?? {}, ...(sent.body !== undefined ? { body: sent.body } : {}) },
    response,
    failure,
    queuedAt,
    sentAt: span.sentAt,
    endedAt: span.endAt,
    ended,
    latencyMs: span.outcome === 'response' ? span.endAt - span.sentAt : null,
    deadline: span.deadline,
    marginMs: span.outcome === 'response' && span.deadline !== null ? span.deadline - span.endAt : null,
    readAt: span.consumedAt,
    phases,
    hooks: runs.filter((run) => run.kind !== 'lambda' && run.id === id),
  };
}

/** The request an event belongs to: a request, its response or failure, its abandonment, an await that read it, a hook run for it. */
export function requestIdOf(event: TraceEvent): string | null {
  switch (event.type) {
    case 'request':
    case 'response':
    case 'request_failed':
    case 'request_abandoned':
      return event.id;
    case 'await':
      return event.id;
    case 'code':
      return event.kind === 'lambda' ? null : (event.id ?? null);
    case 'warning':
      return event.kind === 'superseded' ? (event.id ?? null) : null;
    case 'start':
    case 'enter':
    case 'port':
    case 'say':
    case 'user':
    case 'context':
    case 'interruption':
    case 'end':
      return null;
    default:
      return assertNever(event);
  }
}
