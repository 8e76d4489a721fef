import type { TraceEvent } from '../../../main/api/formats/trace';
import { deadAirIntervals } from '../../../main/api/trace/dead-air';
import type { Interval } from '../../../main/api/trace/dead-air';

/** Whether the bot is waiting for the user at the end of the trace (a red arrow, no answer yet). */
export function waitsForUser(trace: readonly TraceEvent[]): boolean {
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i] as TraceEvent;
    if (e.type === 'user' || e.type === 'end') return false;
    if (e.type === 'port' && e.arrow === 'red' && e.to !== null) return true;
  }
  return false;
}

/**
 * Dead air of a conversation still going on: the intervals of the trace so far, and the
 * silence growing at `now` while the bot is busy (no speech, not waiting for the user).
 */
export function liveDeadAir(trace: readonly TraceEvent[], now: number, running: boolean): Interval[] {
  const gaps = deadAirIntervals(trace);
  const start = trace[0];
  if (!running || start?.type !== 'start' || start.channel !== 'voice' || waitsForUser(trace)) return gaps;
  let horizon = start.t;
  for (const e of trace) {
    horizon = Math.max(horizon, e.t);
    if (e.type === 'say' || e.type === 'user') horizon = Math.max(horizon, e.end);
  }
  if (now <= horizon) return gaps;
  const last = gaps.at(-1);
  // The trace's trailing gap reaches its horizon: that silence is still going on.
  if (last && last.end >= horizon) return [...gaps.slice(0, -1), { start: last.start, end: now }];
  // Something was heard (or awaited) until the horizon: silence since then.
  return [...gaps, { start: horizon, end: now }];
}
