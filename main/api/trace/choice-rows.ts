import type { TraceEvent } from '../formats/trace';
import { codeRuns } from './code-runs';
import type { InterruptionEvent, PortEvent } from './port-choices';

/** One row of the port-choices panel: a port the bot left by, or an interruption that sent it to a handler. */
export interface ChoiceRow {
  event: PortEvent | InterruptionEvent;
  /** Index of the event in the trace. */
  eventIndex: number;
  t: number;
  module: string;
  /** The port, or the interruption's kind (`no_input`, `loop`, `no_link`). */
  port: string;
  reason: string;
  to: string | null;
  arrow: 'green' | 'red' | null;
  kind: 'port' | 'interruption';
  /** A lambda's port: the port its code returned (`next` when it returned nothing), or its error and line. */
  lambda: { returned: string } | { error: string; line: number | null } | null;
}

/** The rows of the port-choices panel, in trace order (SPEC §3 rule 8, §7.1, §7.2). */
export function choiceRows(trace: readonly TraceEvent[]): ChoiceRow[] {
  const lambdaAt = new Map<number, { returned: string } | { error: string; line: number | null }>();
  for (const run of codeRuns(trace)) {
    if (run.kind !== 'lambda' || run.port === null) continue;
    const portIndex = trace.findIndex((e, i) => i > run.eventIndex && e.type === 'port' && e.module === run.module);
    if (portIndex < 0) continue;
    lambdaAt.set(portIndex, run.outcome === 'error' ? { error: run.error?.message ?? run.port.reason, line: run.error?.line ?? null } : { returned: run.port.port });
  }
  const rows: ChoiceRow[] = [];
  trace.forEach((e, i) => {
    if (e.type === 'port') {
      rows.push({ event: e, eventIndex: i, t: e.t, module: e.module, port: e.port, reason: e.reason, to: e.to, arrow: e.arrow, kind: 'port', lambda: lambdaAt.get(i) ?? null });
    } else if (e.type === 'interruption') {
      const reason =
        e.kind === 'no_input'
          ? `the caller said nothing (no-input #${e.count ?? 1} in a row): ${e.module} does not run`
          : e.kind === 'no_link'
            ? `port ${e.port ?? '?'} of ${e.module} has no arrow`
            : `entering ${e.module} would pass the loop guard`;
      rows.push({ event: e, eventIndex: i, t: e.t, module: e.module, port: e.kind, reason, to: e.to, arrow: 'green', kind: 'interruption', lambda: null });
    }
  });
  return rows;
}
