/**
 * Real-clock runs judge timing checks (maxDeadAirMs, maxCallMs, …) with a tolerance: wall
 * time jitters (timers fire late on a busy machine, HTTP answers come a little after their
 * latency), and with a time scale every ms of wall jitter is 1/timeScale ms of conversation.
 * Ports are never toleranced: only checks that compare a duration with a limit.
 */

/**
 * The default budget, in wall-clock ms: 100 ms. Timers on an idle machine are late by a
 * millisecond or two; on a loaded 2-core machine (load average 10+) by tens of ms — a check
 * of dead air reads two such moments (its start and its end), and we measured up to 42 ms
 * on one of them at load 14. 100 ms covers that with room, and stays under what a caller
 * notices as a longer silence (about 100 ms).
 */
export const DEFAULT_TIMING_TOLERANCE_WALL_MS = 100;

/** The default tolerance in conversation ms at a time scale (100 ms of wall time = 400 ms at 0.25). */
export function defaultTimingTolerance(timeScale: number): number {
  return Math.ceil(DEFAULT_TIMING_TOLERANCE_WALL_MS / timeScale);
}

export interface TimingVerdict {
  ok: boolean;
  /** Appended to the check's message: how the tolerance counted, or '' on the virtual clock. */
  note: string;
}

/** A measured duration against its limit, allowing `toleranceMs` over it (0 on the virtual clock). */
export function judgeTiming(actualMs: number, limitMs: number, toleranceMs: number): TimingVerdict {
  if (toleranceMs <= 0) return { ok: actualMs <= limitMs, note: '' };
  if (actualMs <= limitMs) return { ok: true, note: ` (real clock, tolerance ±${toleranceMs} ms)` };
  const over = actualMs - limitMs;
  if (over <= toleranceMs) return { ok: true, note: ` — ${over} ms over, within the real-clock tolerance of ${toleranceMs} ms` };
  return { ok: false, note: ` — ${over} ms over, beyond the real-clock tolerance of ${toleranceMs} ms` };
}
