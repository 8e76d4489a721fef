import type { Exchange } from '../formats/session';
import type { TraceEvent } from '../formats/trace';

/**
 * What became of one recorded exchange, as the bot saw it (SPEC §3: deadline = sent time +
 * the endpoint's timeoutMs; an answer arriving at the deadline counts as an answer).
 */
export type ExchangeVerdict =
  | { kind: 'answered'; status: number; latencyMs: number }
  /** The connection failed (reset, empty, malformed body) after `afterMs`. */
  | { kind: 'failed'; error: 'reset' | 'empty' | 'malformed'; afterMs: number; status: number | null }
  /** No answer by the deadline: the bot gave up at `timeoutMs` (the answer, if any, came later). */
  | { kind: 'timed_out'; timeoutMs: number }
  /** No answer yet when the bot stopped waiting before the deadline (superseded, run ended). */
  | { kind: 'abandoned'; afterMs: number; timeoutMs: number | null };

/**
 * The verdict of an exchange. The trace is the authority when it names the request (its
 * `request_failed … timeout`, its deadline); the exchange's own outcome otherwise. An
 * exchange noted as abandoned at or after its deadline timed out.
 */
export function exchangeVerdict(exchange: Exchange, trace: readonly TraceEvent[] = []): ExchangeVerdict {
  const o = exchange.outcome;
  if ('arrivedAt' in o) return { kind: 'answered', status: o.status, latencyMs: Math.max(0, Math.round(o.arrivedAt - exchange.sentAt)) };
  const afterMs = Math.max(0, Math.round(o.at - exchange.sentAt));
  if (o.error === 'reset' || o.error === 'empty' || o.error === 'malformed') return { kind: 'failed', error: o.error, afterMs, status: o.status ?? null };
  const sent = exchange.id === undefined ? undefined : trace.find((e) => e.type === 'request' && e.id === exchange.id);
  const timeoutMs = sent?.type === 'request' ? sent.deadline - sent.t : null;
  const failedByTimeout = exchange.id !== undefined && trace.some((e) => e.type === 'request_failed' && e.id === exchange.id && e.reason === 'timeout');
  if (o.error === 'timeout' || failedByTimeout || (timeoutMs !== null && afterMs >= timeoutMs)) return { kind: 'timed_out', timeoutMs: timeoutMs ?? afterMs };
  return { kind: 'abandoned', afterMs, timeoutMs };
}

/** The verdict in words: `200 after 4800 ms`, `timed out at 5000 ms (no answer)`, … */
export function describeVerdict(verdict: ExchangeVerdict): string {
  switch (verdict.kind) {
    case 'answered':
      return `${verdict.status} after ${verdict.latencyMs} ms`;
    case 'failed':
      return `${verdict.error}${verdict.status !== null ? ` (status ${verdict.status})` : ''} after ${verdict.afterMs} ms`;
    case 'timed_out':
      return `timed out at ${verdict.timeoutMs} ms (no answer)`;
    case 'abandoned':
      return `no answer yet when the bot stopped waiting, after ${verdict.afterMs} ms`;
  }
}

/** Whether the bot got no answer at all (it timed out or stopped waiting first). */
export function unanswered(verdict: ExchangeVerdict): verdict is Extract<ExchangeVerdict, { kind: 'timed_out' | 'abandoned' }> {
  return verdict.kind === 'timed_out' || verdict.kind === 'abandoned';
}
