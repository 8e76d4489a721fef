import type { TraceEvent, TraceEventOf } from '../formats/trace';

/**
 * When speech or a user's words stopped sounding: the end, or where the speech was cut
 * (a caller talking over it, a hang-up). Dropped speech never sounded: see `sounded`.
 */
export function soundEnd(event: TraceEventOf<'say'> | TraceEventOf<'user'>): number {
  return event.type === 'say' && event.cutAt !== undefined ? Math.min(event.end, event.cutAt) : event.end;
}

/** False for speech that was dropped (queued after speech that was cut): it never played. */
export function sounded(event: TraceEventOf<'say'> | TraceEventOf<'user'>): boolean {
  return event.type !== 'say' || event.dropped !== true;
}

/**
 * The call's length (SPEC §2.3): the later of the run's end and the end of its last sound.
 * Speech queued when the bot ends still plays; speech cut by a hang-up does not.
 */
export function callLength(trace: readonly TraceEvent[]): number {
  let length = 0;
  for (const e of trace) {
    length = Math.max(length, e.t);
    if ((e.type === 'say' || e.type === 'user') && sounded(e)) length = Math.max(length, soundEnd(e));
  }
  return length;
}
