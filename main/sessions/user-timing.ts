import type { SessionUserMessage } from '../api/formats/session';
import type { TraceEvent } from '../api/formats/trace';

/**
 * The user's messages of a trace with their timing: `at`, when the user started, and
 * `afterMs`, how long after the bot was ready (its turn ended and its audio was done).
 */
export function userMessages(trace: readonly TraceEvent[]): SessionUserMessage[] {
  const out: SessionUserMessage[] = [];
  let turnEnded: number | null = null;
  let audioEnd = 0;
  for (const e of trace) {
    if (e.type === 'say') audioEnd = Math.max(audioEnd, e.end);
    if (e.type === 'port' && e.arrow === 'red' && e.to !== null) turnEnded = e.t;
    if (e.type === 'user') {
      const ready = Math.min(e.start, Math.max(turnEnded ?? e.start, audioEnd));
      out.push({ say: e.text, at: e.start, afterMs: Math.max(0, e.start - ready) });
      turnEnded = null;
    }
  }
  return out;
}
