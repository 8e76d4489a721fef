import type { TraceEvent } from '../formats/trace';

export interface PendingRequest {
  id: string;
  endpoint: string;
  module: string;
  sentAt: number;
  deadline: number;
  /** ms since it was sent. */
  age: number;
  /** ms until its endpoint deadline. */
  timeLeft: number;
  /** Arrived but not yet consumed by an await. */
  arrived: boolean;
}

/** The requests open at some point of a fold over the trace, by id, in the order they were sent. */
export type OpenRequests = Map<string, Omit<PendingRequest, 'age' | 'timeLeft'>>;

/** Applies one event to the open requests (sent, arrived, consumed, failed, superseded, abandoned, run ended). */
export function applyPendingEvent(open: OpenRequests, e: TraceEvent): void {
  switch (e.type) {
    case 'request':
      if (e.mode === 'async') open.set(e.id, { id: e.id, endpoint: e.endpoint, module: e.module, sentAt: e.t, deadline: e.deadline, arrived: false });
      break;
    case 'response': {
      const r = open.get(e.id);
      if (r) open.set(e.id, { ...r, arrived: true });
      break;
    }
    case 'request_failed':
    case 'request_abandoned':
      open.delete(e.id);
      break;
    case 'warning':
      if (e.kind === 'superseded' && e.id !== undefined) open.delete(e.id);
      break;
    case 'await':
      if (e.id !== null && (e.outcome === 'ready' || e.outcome === 'failed' || e.outcome === 'routed')) open.delete(e.id);
      break;
    case 'end':
      open.clear();
      break;
    default:
      break;
  }
}

/** The open requests as pending at time `t`: their age and the time left to their deadline. */
export function pendingOf(open: OpenRequests, t: number): PendingRequest[] {
  return [...open.values()].map((r) => ({ ...r, age: t - r.sentAt, timeLeft: r.deadline - t }));
}

/**
 * The async requests pending at time `t`: sent by an api_async and not yet consumed by an
 * api_await, failed at its deadline, superseded, abandoned by a hang-up or ended with the run.
 * (A scrub step uses trace-checkpoints.ts instead of walking the whole trace.)
 */
export function pendingRequestsAt(trace: readonly TraceEvent[], t: number): PendingRequest[] {
  const open: OpenRequests = new Map();
  for (const e of trace) {
    if (e.t > t) break;
    applyPendingEvent(open, e);
  }
  return pendingOf(open, t);
}
