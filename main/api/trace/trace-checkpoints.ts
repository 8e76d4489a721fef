import type { TraceEvent } from '../formats/trace';
import { applyContextEvent, contextsOf, copyContextChanges } from './contexts-at';
import type { ContextAt, ContextChanges } from './contexts-at';
import { lastEventAt } from './event-at';
import { applyPendingEvent, pendingOf } from './pending-requests';
import type { OpenRequests, PendingRequest } from './pending-requests';

/** How many trace events lie between two checkpoints. */
export const CHECKPOINT_EVERY = 64;

interface Checkpoint {
  contexts: ContextChanges;
  pending: OpenRequests;
}

/**
 * The state a scrubber needs (contexts, pending requests) saved every `every` events of a
 * trace, made once per run. `checkpoints[k]` is the state after the first `k × every` events.
 */
export interface TraceCheckpoints {
  trace: readonly TraceEvent[];
  every: number;
  checkpoints: readonly Checkpoint[];
}

/** Walks the trace once and saves the state before events 0, every, 2 × every, … */
export function traceCheckpoints(trace: readonly TraceEvent[], every = CHECKPOINT_EVERY): TraceCheckpoints {
  const checkpoints: Checkpoint[] = [];
  const contexts: ContextChanges = new Map();
  const pending: OpenRequests = new Map();
  for (let i = 0; i < trace.length; i++) {
    if (i % every === 0) checkpoints.push({ contexts: copyContextChanges(contexts), pending: new Map(pending) });
    const e = trace[i] as TraceEvent;
    applyContextEvent(contexts, e, i);
    applyPendingEvent(pending, e);
  }
  return { trace, every, checkpoints };
}

/** How many events are at or before `t` (the trace is ordered by `t`): a binary search. */
function eventsUpTo(trace: readonly TraceEvent[], t: number): number {
  const last = lastEventAt(trace, t);
  return last === null ? 0 : last + 1;
}

/** The nearest checkpoint at or before the first `count` events, copied, and where it stands. */
function checkpointBefore(cp: TraceCheckpoints, count: number): { state: Checkpoint; from: number } {
  const k = Math.min(Math.floor(count / cp.every), cp.checkpoints.length - 1);
  const saved = cp.checkpoints[k];
  if (k < 0 || !saved) return { state: { contexts: new Map(), pending: new Map() }, from: 0 };
  return { state: { contexts: copyContextChanges(saved.contexts), pending: new Map(saved.pending) }, from: k * cp.every };
}

/**
 * The contexts as of time `t` (what `contextsAt` answers): the nearest checkpoint and the
 * fewer than `every` events after it, instead of every event up to `t`.
 */
export function contextsAtCheckpointed(cp: TraceCheckpoints, t: number): ContextAt[] {
  const count = eventsUpTo(cp.trace, t);
  const { state, from } = checkpointBefore(cp, count);
  for (let i = from; i < count; i++) applyContextEvent(state.contexts, cp.trace[i] as TraceEvent, i);
  return contextsOf(cp.trace, state.contexts);
}

/** The async requests pending at time `t` (what `pendingRequestsAt` answers), from the nearest checkpoint. */
export function pendingRequestsAtCheckpointed(cp: TraceCheckpoints, t: number): PendingRequest[] {
  const count = eventsUpTo(cp.trace, t);
  const { state, from } = checkpointBefore(cp, count);
  for (let i = from; i < count; i++) applyPendingEvent(state.pending, cp.trace[i] as TraceEvent);
  return pendingOf(state.pending, t);
}
