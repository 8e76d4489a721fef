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

/**
 * The async requests pending at time `t`: sent by an api_async and not yet consumed by an
 * api_await, failed at its deadline, superseded, abandoned by a hang-up or ended with the run.
 */
export function pendingRequestsAt(trace: readonly TraceEvent[], t: number): PendingRequest[] {
  const open = new Map<string, Omit<PendingRequest, 'age' | 'timeLeft'>>();
  for (const e of trace) {
    if (e.t > t) break;
    switch (e.type) {
      case 'request':
        if (e.mode === 'async') open.set(e.id, { id: e.id, endpoint: e.endpoint, module: e.module, sentAt: e.t, deadline: e.deadline, arrived: false });
        break;
      case 'response': {
        const r = open.get(e.id);
        if (r) r.arrived = true;
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
  return [...open.values()].map((r) => ({ ...r, age: t - r.sentAt, timeLeft: r.deadline - t }));
}
