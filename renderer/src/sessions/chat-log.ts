import type { EndState } from '../../../main/api/formats/scenario';
import type { TraceEvent } from '../../../main/api/formats/trace';
import { soundEnd, sounded } from '../../../main/api/trace/call-length';
import type { Interval } from '../../../main/api/trace/dead-air';

/**
 * Dead air shorter than this stays off the chat (it is on the timeline): on a real clock a
 * few ms pass between one module and the next, and a line for each would drown the talk.
 */
export const MIN_CHAT_DEAD_AIR_MS = 100;

/**
 * How far a message has got on the audio channel at a given time (voice only); `dropped`:
 * queued after speech the caller cut, it never played.
 */
export type SpeechState = 'queued' | 'speaking' | 'spoken' | 'dropped';

/** One line of the conversation as the chat shows it, in time order. */
export type ChatEntry =
  | { kind: 'bot'; key: string; at: number; text: string; module: string; start: number; end: number; speech: SpeechState | null; cutAt: number | null; bargeIn: boolean }
  | { kind: 'user'; key: string; at: number; text: string; start: number; end: number; speech: SpeechState | null; dtmf: boolean; ignored: boolean }
  | { kind: 'interruption'; key: string; at: number; text: string }
  | { kind: 'request'; key: string; at: number; id: string; endpoint: string; module: string; method: string; url: string }
  | { kind: 'answer'; key: string; at: number; id: string; endpoint: string; ok: boolean; text: string }
  | { kind: 'dead-air'; key: string; at: number; start: number; end: number; growing: boolean }
  | { kind: 'end'; key: string; at: number; state: EndState; reason: string | null };

function interruptionText(e: Extract<TraceEvent, { type: 'interruption' }>): string {
  switch (e.kind) {
    case 'no_input':
      return `no input${e.count !== undefined ? ` (${ordinal(e.count)} time in a row)` : ''}: the caller said nothing at ${e.module} → ${e.to}`;
    case 'loop':
      return `loop guard tripped at ${e.module} → ${e.to}`;
    case 'no_link':
      return `no arrow from ${e.module}${e.port !== undefined ? `.${e.port}` : ''} → ${e.to}`;
  }
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

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
      case 'say': {
        // Cut speech sounded only until its cut (a caller talking over it, a hang-up).
        const speech = !voice ? null : sounded(e) ? speechState(e.start, soundEnd(e), now) : 'dropped';
        entries.push({ kind: 'bot', key, at: voice ? e.start : e.t, text: e.text, module: e.module, start: e.start, end: soundEnd(e), speech, cutAt: e.cutAt ?? null, bargeIn: e.bargeIn !== false });
        break;
      }
      case 'user':
        entries.push({ kind: 'user', key, at: voice ? e.start : e.t, text: e.text, start: e.start, end: e.end, speech: voice ? speechState(e.start, e.end, now) : null, dtmf: e.via === 'dtmf', ignored: e.ignored === true });
        break;
      case 'interruption':
        entries.push({ kind: 'interruption', key, at: e.t, text: interruptionText(e) });
        break;
      case 'request_abandoned':
        entries.push({ kind: 'answer', key, at: e.t, id: e.id, endpoint: e.endpoint, ok: false, text: 'abandoned: the caller hung up before the answer' });
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
