import type { TraceEvent } from '../formats/trace';
import { soundEnd, sounded } from './call-length';

export interface Interval {
  start: number;
  end: number;
}

/**
 * Dead air (SPEC §3 rule 3): the intervals in which nobody speaks and the bot is not waiting
 * for the user, from the start of the conversation to the end of its last sound or event.
 * The wait lasts from the red arrow until the user's message arrives or the no-input timer
 * fires; cut speech sounds only until it was cut. Only voice conversations have dead air.
 */
export function deadAirIntervals(trace: readonly TraceEvent[]): Interval[] {
  const start = trace.find((e) => e.type === 'start');
  if (!start || start.type !== 'start' || start.channel !== 'voice') return [];
  const busy: Interval[] = [];
  let waitingSince: number | null = null;
  let horizon = start.t;
  for (const event of trace) {
    horizon = Math.max(horizon, event.t);
    switch (event.type) {
      case 'say':
      case 'user': {
        if (!sounded(event)) break;
        const end = soundEnd(event);
        busy.push({ start: event.start, end });
        horizon = Math.max(horizon, end);
        // Words the bot did not hear (talking over speech that cannot be interrupted) do not end its wait.
        if (event.type === 'user' && event.ignored !== true && waitingSince !== null) {
          busy.push({ start: waitingSince, end: event.t });
          waitingSince = null;
        }
        break;
      }
      case 'interruption':
        // The no-input timer ends the wait; the bot's handler runs.
        if (event.kind === 'no_input' && waitingSince !== null) {
          busy.push({ start: waitingSince, end: event.t });
          waitingSince = null;
        }
        break;
      case 'port':
        if (event.arrow === 'red' && event.to !== null) waitingSince = event.t;
        break;
      default:
        break;
    }
  }
  if (waitingSince !== null) busy.push({ start: waitingSince, end: horizon });
  return gaps(busy, start.t, horizon);
}

export function longestDeadAir(trace: readonly TraceEvent[]): Interval | null {
  let best: Interval | null = null;
  for (const gap of deadAirIntervals(trace)) if (best === null || gap.end - gap.start > best.end - best.start) best = gap;
  return best;
}

/** The parts of [from, to] covered by none of the intervals. */
export function gaps(intervals: readonly Interval[], from: number, to: number): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  let cursor = from;
  for (const i of sorted) {
    if (i.start > cursor) out.push({ start: cursor, end: Math.min(i.start, to) });
    cursor = Math.max(cursor, i.end);
    if (cursor >= to) break;
  }
  if (cursor < to) out.push({ start: cursor, end: to });
  return out.filter((g) => g.end > g.start);
}
