import type { JsonValue } from '../api/formats/common';
import type { TraceEvent } from '../api/formats/trace';

export interface DivergenceSide {
  t: number;
  port: string | null;
  reason: string | null;
  /** The contexts at that moment. */
  contexts: Record<string, JsonValue>;
}

/** Where a replay first leaves the recording: the first port choice (or end) that differs. */
export interface Divergence {
  /** Index of the port choice (0-based) where they differ. */
  step: number;
  module: string;
  recorded: DivergenceSide;
  replayed: DivergenceSide;
  summary: string;
}

interface Step {
  t: number;
  module: string;
  port: string;
  /** The module the port leads to (an edited arrow shows here first). */
  to: string | null;
  reason: string;
  index: number;
}

function steps(trace: readonly TraceEvent[]): Step[] {
  const out: Step[] = [];
  trace.forEach((e, index) => {
    if (e.type === 'port') out.push({ t: e.t, module: e.module, port: e.port, to: e.to, reason: e.reason, index });
    // A hang-up's reason says what set it off (a recorded hang-up replays at its time): the state is what counts.
    if (e.type === 'end') {
      const port = e.reason && e.state !== 'hangup' ? `${e.state}: ${e.reason}` : e.state;
      out.push({ t: e.t, module: '(end)', port, to: null, reason: e.state === 'hangup' && e.reason ? e.reason : 'end of the run', index });
    }
  });
  return out;
}

/** The contexts as they stood just before trace event `index`. */
export function contextsAt(trace: readonly TraceEvent[], index: number): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (let i = 0; i < index && i < trace.length; i++) {
    const e = trace[i];
    if (e?.type !== 'context') continue;
    if (e.deleted) delete out[e.name];
    else if (e.value !== undefined) out[e.name] = e.value;
  }
  return out;
}

/**
 * Compares two runs step by step (each port choice and the end state; times may differ by
 * the jitter of a real clock) and returns the first difference, or null when they agree.
 */
export function findDivergence(recorded: readonly TraceEvent[], replayed: readonly TraceEvent[]): Divergence | null {
  const a = steps(recorded);
  const b = steps(replayed);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x && y && x.module === y.module && x.port === y.port && x.to === y.to) continue;
    const side = (s: Step | undefined, trace: readonly TraceEvent[]): DivergenceSide => ({
      t: s?.t ?? trace.at(-1)?.t ?? 0,
      port: s?.port ?? null,
      reason: s?.reason ?? null,
      contexts: contextsAt(trace, s?.index ?? trace.length),
    });
    const module = x?.module ?? y?.module ?? '(end)';
    const describe = (s: Step | undefined): string => (s ? `${s.module} → ${s.port}${s.to !== null ? ` → ${s.to}` : ''} (${s.reason})` : 'nothing more');
    return {
      step: i,
      module,
      recorded: side(x, recorded),
      replayed: side(y, replayed),
      summary: `step ${i + 1}: recorded ${describe(x)}, replayed ${describe(y)}`,
    };
  }
  return null;
}
