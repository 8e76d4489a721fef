import type { TraceEvent, TraceEventOf } from '../formats/trace';
import { soundEnd, sounded } from './call-length';

/** SPEC §7.1 rule 12: one key press lasts 100 ms. */
export const DTMF_KEY_MS = 100;

/**
 * A stretch in which the bot waited and the caller said nothing until the no-input timer
 * fired (SPEC §7.1 rule 10): from `w = max(turn end, audio end)` to the `interruption`.
 */
export interface SilenceWindow {
  start: number;
  end: number;
  /** The module the red arrow led to (it never ran), the handler, and the count in a row. */
  module: string;
  to: string;
  count: number;
  /** Index in the trace of its `interruption` event. */
  eventIndex: number;
}

/** Every silence the no-input timer ended, in order. */
export function silenceWindows(trace: readonly TraceEvent[]): SilenceWindow[] {
  const windows: SilenceWindow[] = [];
  let audioEnd = 0;
  let waitingSince: number | null = null;
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i] as TraceEvent;
    if (e.type === 'say' && sounded(e)) audioEnd = Math.max(audioEnd, soundEnd(e));
    else if (e.type === 'port' && e.arrow === 'red' && e.to !== null) waitingSince = e.t;
    else if (e.type === 'user' && e.ignored !== true) waitingSince = null;
    else if (e.type === 'interruption' && e.kind === 'no_input' && waitingSince !== null) {
      // Speech queued in the turn plays first: the wait starts when it ends (rule 10's w).
      const start = Math.min(Math.max(waitingSince, audioEnd), e.t);
      windows.push({ start, end: e.t, module: e.module, to: e.to, count: e.count ?? 1, eventIndex: i });
      waitingSince = null;
    }
  }
  return windows;
}

/** One key of a DTMF entry and when it was pressed. */
export interface DtmfKey {
  key: string;
  start: number;
  end: number;
}

/** The keys of a `user` event with `via: dtmf`, 100 ms each from its start (rule 12); none for speech. */
export function dtmfKeys(event: TraceEventOf<'user'>): DtmfKey[] {
  if (event.via !== 'dtmf') return [];
  return [...event.text].map((key, i) => ({ key, start: event.start + i * DTMF_KEY_MS, end: event.start + (i + 1) * DTMF_KEY_MS }));
}

/** When the caller hung up (rule 13): the `end` event of a run that ended `hangup`, or null. */
export function hangupAt(trace: readonly TraceEvent[]): { t: number; eventIndex: number } | null {
  for (let i = trace.length - 1; i >= 0; i--) {
    const e = trace[i] as TraceEvent;
    if (e.type === 'end') return e.state === 'hangup' ? { t: e.t, eventIndex: i } : null;
  }
  return null;
}
