import type { TraceEvent } from '../formats/trace';

/** One visit of a module: from its `enter` to the `port` it left by (or the end of the run). */
export interface ModuleSpan {
  module: string;
  /** 1 for the first visit of this module, 2 for the second, … */
  nth: number;
  start: number;
  end: number;
  port: string | null;
  reason: string | null;
  to: string | null;
  arrow: 'green' | 'red' | null;
  /** Indices in the trace of the `enter` event and of the `port` event (null when it never left). */
  enterIndex: number;
  portIndex: number | null;
}

/** Every module visit of a run, in the order the modules were entered. */
export function moduleSpans(trace: readonly TraceEvent[]): ModuleSpan[] {
  const spans: ModuleSpan[] = [];
  const visits = new Map<string, number>();
  let current: ModuleSpan | null = null;
  let lastT = 0;
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i] as TraceEvent;
    lastT = Math.max(lastT, e.t);
    if (e.type === 'enter') {
      const nth = (visits.get(e.module) ?? 0) + 1;
      visits.set(e.module, nth);
      current = { module: e.module, nth, start: e.t, end: e.t, port: null, reason: null, to: null, arrow: null, enterIndex: i, portIndex: null };
      spans.push(current);
    } else if (e.type === 'port' && current !== null && current.module === e.module && current.portIndex === null) {
      Object.assign(current, { end: e.t, port: e.port, reason: e.reason, to: e.to, arrow: e.arrow, portIndex: i });
    } else if (e.type === 'end' && current !== null && current.portIndex === null) {
      current.end = e.t;
    }
  }
  if (current !== null && current.portIndex === null) current.end = Math.max(current.end, lastT);
  return spans;
}
