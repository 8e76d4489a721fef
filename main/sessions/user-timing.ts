import type { SessionUserMessage } from '../api/formats/session';
import type { TraceEvent } from '../api/formats/trace';
import { soundEnd, sounded } from '../api/trace/call-length';
import { speechMs } from '../engine/speech';

const DEFAULT_WPM = 150;

/**
 * What the user did in a trace, with its timing, so a replay does it again: each message
 * (typed, spoken or DTMF keys) with `at`, when the user started, and `afterMs`, how long
 * after the bot was ready (its turn ended and its audio was done) — negative when the user
 * talked over the bot, heard or not; each silence the no-input timer caught; the hang-up.
 * `wpm` is the flow's speech rate (to know how long dropped speech would have lasted).
 */
export function userMessages(trace: readonly TraceEvent[], wpm = DEFAULT_WPM): SessionUserMessage[] {
  const out: SessionUserMessage[] = [];
  let turnEnded: number | null = null;
  // The end of the bot's speech as planned (talked-over speech keeps its planned end) and as heard.
  let plannedEnd = 0;
  let heardEnd = 0;
  for (const e of trace) {
    switch (e.type) {
      case 'say':
        // Dropped speech has zero length in the trace; it was planned to last as long as its words (at the flow's wpm).
        plannedEnd = Math.max(plannedEnd, e.dropped === true ? e.start + speechMs(e.text, wpm) : e.end);
        if (sounded(e)) heardEnd = Math.max(heardEnd, soundEnd(e));
        break;
      case 'port':
        if (e.arrow === 'red' && e.to !== null) turnEnded = e.t;
        break;
      case 'user': {
        const ready = Math.min(e.start, Math.max(turnEnded ?? e.start, plannedEnd));
        const afterMs = e.start < plannedEnd && e.via !== 'dtmf' ? e.start - plannedEnd : Math.max(0, e.start - ready);
        out.push(e.via === 'dtmf' ? { kind: 'dtmf', dtmf: e.text, at: e.start, afterMs } : { say: e.text, at: e.start, afterMs });
        if (e.ignored !== true) {
          turnEnded = null;
          plannedEnd = heardEnd;
        }
        break;
      }
      case 'interruption':
        if (e.kind === 'no_input') {
          out.push({ kind: 'silence', at: e.t });
          turnEnded = null;
        }
        break;
      case 'end':
        if (e.state === 'hangup') out.push({ kind: 'hangup', at: e.t });
        break;
      default:
        break;
    }
  }
  return out;
}
