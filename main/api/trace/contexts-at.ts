import type { JsonValue } from '../formats/common';
import type { TraceEvent, TraceEventOf } from '../formats/trace';

/** One context as it stood at a moment of the run: its value (or that it was deleted), and what last changed it. */
export interface ContextAt {
  name: string;
  /** Absent when the context was deleted. */
  value?: JsonValue;
  deleted: boolean;
  /** What last changed it: `initial`, `set`, `capture`, `map`, `status`, `system`, `lambda:<id>`, `hook:<endpoint>`, … */
  source: string;
  /** When it last changed, and the index in the trace of that `context` event. */
  changedAt: number;
  eventIndex: number;
  /** How many times it changed up to then. */
  changes: number;
}

/** The last change of each context name (its index in the trace) and how many changes it had: the state a fold over the trace keeps. */
export type ContextChanges = Map<string, { index: number; changes: number }>;

/** Applies the event at `index` to the fold's state (only `context` events change it). */
export function applyContextEvent(state: ContextChanges, e: TraceEvent, index: number): void {
  if (e.type !== 'context') return;
  const seen = state.get(e.name);
  if (seen) {
    seen.index = index;
    seen.changes++;
  } else state.set(e.name, { index, changes: 1 });
}

/** A copy of the state that later changes to the original leave alone. */
export function copyContextChanges(state: ContextChanges): ContextChanges {
  const out: ContextChanges = new Map();
  for (const [name, { index, changes }] of state) out.set(name, { index, changes });
  return out;
}

/** The contexts the state stands for, sorted by name (reads one event per context). */
export function contextsOf(trace: readonly TraceEvent[], state: ContextChanges): ContextAt[] {
  const out: ContextAt[] = [];
  for (const [name, { index, changes }] of state) {
    const e = trace[index] as TraceEventOf<'context'>;
    const at = { name, source: e.source, changedAt: e.t, eventIndex: index, changes };
    out.push(e.deleted === true || e.value === undefined ? { ...at, deleted: true } : { ...at, value: e.value, deleted: false });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The contexts as of time `t` (SPEC §3: every change of a context is a `context` event):
 * every change at or before `t` applied in trace order, sorted by name. A deleted context
 * stays in the list (`deleted: true`) so a view can say when it went. (A scrub step uses
 * trace-checkpoints.ts instead of walking the whole trace.)
 */
export function contextsAt(trace: readonly TraceEvent[], t: number): ContextAt[] {
  const last: ContextChanges = new Map();
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i] as TraceEvent;
    if (e.t > t) break;
    applyContextEvent(last, e, i);
  }
  return contextsOf(trace, last);
}
