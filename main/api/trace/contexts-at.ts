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

/**
 * The contexts as of time `t` (SPEC §3: every change of a context is a `context` event):
 * every change at or before `t` applied in trace order, sorted by name. A deleted context
 * stays in the list (`deleted: true`) so a view can say when it went.
 */
export function contextsAt(trace: readonly TraceEvent[], t: number): ContextAt[] {
  // Only the last change of each name and a count while walking: a scrub step on a long trace stays cheap.
  const last = new Map<string, { index: number; changes: number }>();
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i] as TraceEvent;
    if (e.t > t) break;
    if (e.type !== 'context') continue;
    const seen = last.get(e.name);
    if (seen) {
      seen.index = i;
      seen.changes++;
    } else last.set(e.name, { index: i, changes: 1 });
  }
  const out: ContextAt[] = [];
  for (const [name, { index, changes }] of last) {
    const e = trace[index] as TraceEventOf<'context'>;
    const at = { name, source: e.source, changedAt: e.t, eventIndex: index, changes };
    out.push(e.deleted === true || e.value === undefined ? { ...at, deleted: true } : { ...at, value: e.value, deleted: false });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
