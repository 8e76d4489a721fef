import type { TraceEvent, TraceEventOf } from '../formats/trace';

export type PortEvent = TraceEventOf<'port'>;

/** Every port choice of a run, in order. */
export function portChoices(trace: readonly TraceEvent[], until = Number.POSITIVE_INFINITY): PortEvent[] {
  return trace.filter((e): e is PortEvent => e.type === 'port' && e.t <= until);
}

/** The modules entered, in order. */
export function visitedModules(trace: readonly TraceEvent[]): string[] {
  return trace.flatMap((e) => (e.type === 'enter' ? [e.module] : []));
}

/** `module.port` for each exit, and the final module when the run ended in one. */
export function portPath(trace: readonly TraceEvent[]): string[] {
  const path: string[] = [];
  let lastEntered: string | null = null;
  let lastLeft: string | null = null;
  for (const e of trace) {
    if (e.type === 'enter') lastEntered = e.module;
    if (e.type === 'port') {
      path.push(`${e.module}.${e.port}`);
      lastLeft = e.module;
    }
  }
  const end = trace.at(-1);
  if (end?.type === 'end' && (end.state === 'end' || end.state === 'handover') && lastEntered !== null && lastEntered !== lastLeft) {
    path.push(lastEntered);
  }
  return path;
}
