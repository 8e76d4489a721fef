import type { TraceEvent, TraceEventOf } from '../../../main/api/formats/trace';
import { dtmfKeys, silenceWindows } from '../../../main/api/trace/voice-turns';
import { formatMs } from './format-ms';
import type { TimelineItem } from './layout';

/** Lane indices of the fixed lanes. */
export const USER_LANE = 0;
export const BOT_LANE = 1;
export const MODULE_LANE = 2;

function span(start: number, end: number): string {
  return `${formatMs(start)} → ${formatMs(end)} (${formatMs(end - start)})`;
}

/** The caller's words or keys (SPEC §7.1 rule 12: keys 100 ms each); words the bot did not hear are hatched. */
export function userItem(e: TraceEventOf<'user'>, eventIndex: number): TimelineItem {
  const keys = dtmfKeys(e);
  if (keys.length > 0) {
    return {
      lane: USER_LANE,
      row: 0,
      kind: 'user-speech',
      start: e.start,
      end: e.end,
      label: `keys ${e.text}`,
      labels: [e.text],
      detail: [`User keyed in (DTMF): ${keys.map((k) => k.key).join(' ')}`, span(e.start, e.end), `${keys.length} key(s) of 100 ms; the message “${e.text}” reaches the bot at ${formatMs(e.t)}`],
      module: null,
      eventIndex,
      tone: 'user',
      keys,
    };
  }
  if (e.ignored === true) {
    return {
      lane: USER_LANE,
      row: 0,
      kind: 'user-speech',
      start: e.start,
      end: e.end,
      label: `not heard: “${e.text}”`,
      labels: ['not heard'],
      detail: [`User: “${e.text}” — not heard`, span(e.start, e.end), 'spoken over speech the caller cannot interrupt (bargeIn: false): the bot goes on waiting'],
      module: null,
      eventIndex,
      tone: 'muted',
      hatched: true,
    };
  }
  return { lane: USER_LANE, row: 0, kind: 'user-speech', start: e.start, end: e.end, label: e.text, detail: [`User: “${e.text}”`, span(e.start, e.end), `reaches the bot at ${formatMs(e.t)}`], module: null, eventIndex, tone: 'user' };
}

/** The bot's speech: cut speech solid to `cutAt` and hatched after (rule 11, 13); dropped speech a marker. */
export function sayItem(e: TraceEventOf<'say'>, eventIndex: number): TimelineItem {
  const who = `Bot (${e.module})`;
  if (e.dropped === true) {
    return {
      lane: BOT_LANE,
      row: 0,
      kind: 'dropped',
      start: e.start,
      end: e.start,
      label: `dropped: “${e.text}”`,
      labels: ['dropped'],
      detail: [`${who}: “${e.text}” — dropped`, `queued after speech the caller talked over: it never played (at ${formatMs(e.start)})`],
      module: e.module,
      eventIndex,
      tone: 'muted',
    };
  }
  const detail = [`${who}: “${e.text}”`, span(e.start, e.end)];
  if (e.cutAt !== undefined) detail.push(`cut at ${formatMs(e.cutAt)}: ${formatMs(e.end - e.cutAt)} never played (hatched)`);
  if (e.bargeIn === false) detail.push('the caller cannot talk over it (bargeIn: false)');
  return {
    lane: BOT_LANE,
    row: 0,
    kind: 'bot-speech',
    start: e.start,
    end: e.end,
    label: e.cutAt !== undefined ? `✂ ${e.text}` : e.text,
    detail,
    module: e.module,
    eventIndex,
    tone: 'bot',
    ...(e.cutAt !== undefined ? { cutAt: e.cutAt } : {}),
  };
}

/** The no-input silences on the user lane (rule 10), from the start of the wait to the timer. */
export function silenceItems(trace: readonly TraceEvent[]): TimelineItem[] {
  return silenceWindows(trace).map((w) => ({
    lane: USER_LANE,
    row: 0,
    kind: 'silence',
    start: w.start,
    end: w.end,
    label: `silence ${formatMs(w.end - w.start)} → no_input #${w.count}`,
    labels: [`silence → no_input #${w.count}`, 'silence'],
    detail: [`Caller silent ${span(w.start, w.end)}`, `no-input #${w.count} in a row: the bot goes to ${w.to} instead of ${w.module}`],
    module: null,
    eventIndex: w.eventIndex,
    tone: 'muted',
    hatched: true,
  }));
}

/** A system event that sent the bot to its handler (rules 10, 14), on the module lane. */
export function interruptionItem(e: TraceEventOf<'interruption'>, eventIndex: number): TimelineItem {
  const what = e.kind === 'no_input' ? `no_input #${e.count ?? 1}` : e.kind === 'no_link' ? `no_link ${e.module}.${e.port ?? '?'}` : `loop at ${e.module}`;
  const why =
    e.kind === 'no_input'
      ? `the caller said nothing: ${e.module} never runs`
      : e.kind === 'no_link'
        ? `port ${e.port ?? '?'} of ${e.module} has no arrow`
        : `entering ${e.module} would pass the loop guard (1000 entries without time passing)`;
  return {
    lane: MODULE_LANE,
    row: 0,
    kind: 'interruption',
    start: e.t,
    end: e.t,
    label: `⚡ ${what} → ${e.to}`,
    labels: [`⚡ ${e.kind}`, '⚡'],
    detail: [`Interruption: ${what} at ${formatMs(e.t)}`, why, `handler: ${e.to} (interruptions.${e.kind})`],
    module: e.to,
    eventIndex,
    tone: 'warn',
  };
}
