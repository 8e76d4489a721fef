import type { TraceEvent, TraceEventOf } from '../formats/trace';

export type PortEvent = TraceEventOf<'port'>;
export type InterruptionEvent = TraceEventOf<'interruption'>;

/** Every port choice of a run, in order. */
export function portChoices(trace: readonly TraceEvent[], until = Number.POSITIVE_INFINITY): PortEvent[] {
  return trace.filter((e): e is PortEvent => e.type === 'port' && e.t <= until);
}

/**
 * Every way the bot went on, in order: the port choices and the interruptions that sent it
 * to a handler (no_input, loop, no_link — SPEC §7.1), for the port-choices panel.
 */
export function routeChoices(trace: readonly TraceEvent[], until = Number.POSITIVE_INFINITY): (PortEvent | InterruptionEvent)[] {
  return trace.filter((e): e is PortEvent | InterruptionEvent => (e.type === 'port' || e.type === 'interruption') && e.t <= until);
}

/** The path entry of an interruption: `no_input@read`, `loop@spin`, `no_link@check`. */
export function interruptionStep(event: InterruptionEvent): string {
  return `${event.kind}@${event.module}`;
}

/** The modules entered, in order. */
export function visitedModules(trace: readonly TraceEvent[]): string[] {
  return trace.flatMap((e) => (e.type === 'enter' ? [e.module] : []));
}

/**
 * `module.port` for each exit, `kind@module` for each interruption, and the final module
 * when the run ended in one.
 */
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
    if (e.type === 'interruption') path.push(interruptionStep(e));
  }
  const end = trace.at(-1);
  if (end?.type === 'end' && (end.state === 'end' || end.state === 'handover') && lastEntered !== null && lastEntered !== lastLeft) {
    path.push(lastEntered);
  }
  return path;
}
