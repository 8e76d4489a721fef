import type { TraceEvent } from '../formats/trace';

/**
 * The call's length (SPEC §2.3): the later of the end of the run (`end.t`) and the end of
 * the last sound (bot speech or user speech; speech cut short counts up to the cut).
 */
export function callLengthMs(trace: readonly TraceEvent[]): number {
  let length = 0;
  for (const e of trace) {
    if (e.type === 'end') length = Math.max(length, e.t);
    else if (e.type === 'say' || e.type === 'user') {
      const cut = 'cutAt' in e && typeof e.cutAt === 'number' ? e.cutAt : e.end;
      length = Math.max(length, Math.min(e.end, cut));
    }
  }
  return length;
}
