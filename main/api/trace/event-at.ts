import type { TraceEvent } from '../formats/trace';

/**
 * The index of the last event at or before time `t` (the trace is ordered by `t`, SPEC §3),
 * or null before the first one. Binary search: a scrub step stays cheap on long traces.
 */
export function lastEventAt(trace: readonly TraceEvent[], t: number): number | null {
  let lo = 0;
  let hi = trace.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((trace[mid] as TraceEvent).t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : lo - 1;
}
