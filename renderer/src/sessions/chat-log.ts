import type { EndState } from '../../../main/api/formats/scenario';
import type { TraceEvent } from '../../../main/api/formats/trace';
import type { Interval } from '../../../main/api/trace/dead-air';

/**
 * Dead air shorter than this stays off the chat (it is on the timeline): on a real clock a
 * few ms pass between one module and the next, and a line for each would drown the talk.
 */
export const MIN_CHAT_DEAD_AIR_MS = 100;

/** How far a bot message has got on the audio channel at a given time (voice only). */
export type SpeechState = 'queued' | 'speaking' | 'spoken';

/** One line of the conversation as the chat shows it, in time order. */
export type ChatEntry =
  | { kind: 'bot'; key: string; at: number; text: string; module: string; start: number; end: number; speech: SpeechState | null }
  | { kind: 'user'; key: string; at: number; text: string; start: number; end: number; speech: SpeechState | null }
  | { kind: 'request'; key: string; at: number; id: string; endpoint: string; module: string; method: string; url: string }
  | { kind: 'answer'; key: string; at: number; id: string; endpoint: string; ok: boolean; text: string }
  | { kind: 'dead-air'; key: string; at: number; start: number; end: number; growing: boolean }
  | { kind: 'end'; key: string; at: number; state: EndState; reason: string | null };

/** Where speech stands at `now`: not started yet, under way, or over. */
export function speechState(start: number, end: number, now: number): SpeechState {
  if (now < start) return 'queued';
  return now < end ? 'speaking' : 'spoken';
}

/**
 * The chat of a session: bot and user messages (voice: with their speech timing), the HTTP
 * calls the bot made and their answers, dead air, and the end; ordered by when they happen.
 */
export function chatEntries(trace: readonly TraceEvent[], deadAir: readonly Interval[], now: number, running: boolean): ChatEntry[] {
  const voice = trace[0]?.type === 'start' && trace[0].channel === 'voice';
  const sent = new Map<string, { t: number; endpoint: string }>();
  const entries: ChatEntry[] = [];
  trace.forEach((e, i) => {
    const key = `${e.type}-${i}`;
    switch (e.type) {
      case 'say':
        entries.push({ kind: 'bot', key, at: voice ? e.start : e.t, text: e.text, module: e.module, start: e.start, end: e.end, speech: voice ? speechState(e.start, e.end, now) : null });
        break;
      case 'user':
        entries.push({ kind: 'user', key, at: voice ? e.start : e.t, text: e.text, start: e.start, end: e.end, speech: voice ? speechState(e.start, e.end, now) : null });
        break;
      case 'request':
        sent.set(e.id, { t: e.t, endpoint: e.endpoint });
        entries.push({ kind: 'request', key, at: e.t, id: e.id, endpoint: e.endpoint, module: e.module, method: e.method, url: e.url });
        break;
      case 'response': {
        const request = sent.get(e.id);
        const took = request ? ` after ${Math.round(e.arrival - request.t)} ms` : '';
        entries.push({ kind: 'answer', key, at: e.t, id: e.id, endpoint: request?.endpoint ?? '?', ok: e.status >= 200 && e.status < 300, text: `status ${e.status}${took}` });
        break;
      }
      case 'request_failed':
        entries.push({ kind: 'answer', key, at: e.t, id: e.id, endpoint: e.endpoint, ok: false, text: `failed: ${e.reason}` });
        break;
      case 'end':
        entries.push({ kind: 'end', key, at: e.t, state: e.state, reason: e.reason ?? null });
        break;
      default:
        break;
    }
  });
  const last = deadAir.at(-1);
  for (const gap of deadAir) {
    const growing = running && gap === last && gap.end >= now;
    if (gap.end - gap.start < MIN_CHAT_DEAD_AIR_MS) continue;
    entries.push({ kind: 'dead-air', key: `dead-air-${gap.start}`, at: gap.start, start: gap.start, end: gap.end, growing });
  }
  // Stable: at equal times, the trace order (dead air after what ends right before it).
  return entries
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => a.entry.at - b.entry.at || a.order - b.order)
    .map((x) => x.entry);
}
