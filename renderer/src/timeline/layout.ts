import type { TraceEvent } from '../../../main/api/formats/trace';
import { awaitWindows } from '../../../main/api/trace/await-windows';
import { deadAirIntervals } from '../../../main/api/trace/dead-air';
import type { Interval } from '../../../main/api/trace/dead-air';
import { moduleSpans } from '../../../main/api/trace/module-spans';
import { requestSpans } from '../../../main/api/trace/request-spans';
import type { RequestSpan } from '../../../main/api/trace/request-spans';
import { hangupAt } from '../../../main/api/trace/voice-turns';
import type { DtmfKey } from '../../../main/api/trace/voice-turns';
import { codeItems } from './code-items';
import { formatMs } from './format-ms';
import { interruptionItem, sayItem, silenceItems, userItem } from './voice-items';

export type LaneKind = 'user' | 'bot' | 'modules' | 'code' | 'endpoint';

export interface Lane {
  id: string;
  kind: LaneKind;
  label: string;
  /** Endpoint lanes have two rows: request bars, then the awaits' module-timeout windows. */
  rows: 1 | 2;
}

export type ItemKind = 'user-speech' | 'bot-speech' | 'dropped' | 'silence' | 'module' | 'interruption' | 'code' | 'request' | 'await' | 'deadline' | 'end';

/** How an item is coloured: what happened, not how it looks (the palette decides that). */
export type Tone = 'user' | 'bot' | 'module' | 'pause' | 'ok' | 'warn' | 'error' | 'muted' | 'open';

/** One thing drawn on the timeline: a bar (start < end) or a marker (start = end). */
export interface TimelineItem {
  lane: number;
  row: number;
  kind: ItemKind;
  start: number;
  end: number;
  /** Text drawn inside the bar (or beside a marker) when it fits. */
  label: string;
  /** Shorter forms of the label, longest first, drawn when the label does not fit (never a meaningless stub). */
  labels?: string[];
  /** What the hover card says, one line per entry. */
  detail: string[];
  module: string | null;
  /** The trace event it stands for (clicking selects it). */
  eventIndex: number;
  tone: Tone;
  /** Await windows: where the wait actually ended (the rest of the window is drawn hollow). */
  filledUntil?: number;
  /** Speech cut here (a barge-in, a hang-up): solid up to it, hatched after. */
  cutAt?: number;
  /** DTMF: each key and when it was pressed. */
  keys?: DtmfKey[];
  /** Drawn hatched: what did not count (words not heard, a silence). */
  hatched?: boolean;
}

export interface TimelineModel {
  /** The time range the run covers, ms. */
  from: number;
  to: number;
  lanes: Lane[];
  /** Items of each lane, ordered by start. */
  laneItems: TimelineItem[][];
  deadAir: Interval[];
  /** When the caller hung up (SPEC §7.1 rule 13): a line across every lane. */
  hangup: { t: number; eventIndex: number } | null;
  /** How many events the model was built from. */
  eventCount: number;
}

/** Lays a run's trace out in swimlanes: user, bot, modules, then one lane per endpoint. */
export function buildTimeline(trace: readonly TraceEvent[]): TimelineModel {
  const lanes: Lane[] = [
    { id: 'user', kind: 'user', label: 'User speech', rows: 1 },
    { id: 'bot', kind: 'bot', label: 'Bot speech', rows: 1 },
    { id: 'modules', kind: 'modules', label: 'Modules', rows: 1 },
  ];
  const laneItems: TimelineItem[][] = [[], [], []];
  const user = laneItems[0] as TimelineItem[];
  const bot = laneItems[1] as TimelineItem[];
  const modules = laneItems[2] as TimelineItem[];
  const endpointLane = new Map<string, number>();
  const laneOf = (endpoint: string): TimelineItem[] => {
    let index = endpointLane.get(endpoint);
    if (index === undefined) {
      index = lanes.length;
      lanes.push({ id: `endpoint:${endpoint}`, kind: 'endpoint', label: endpoint, rows: 2 });
      laneItems.push([]);
      endpointLane.set(endpoint, index);
    }
    return laneItems[index] as TimelineItem[];
  };

  if (trace.some((e) => e.type === 'code')) {
    lanes.push({ id: 'code', kind: 'code', label: 'Code (λ, hooks)', rows: 1 });
    laneItems.push(codeItems(trace, lanes.length - 1));
  }

  let to = 0;
  let lastModule: string | null = null;
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i] as TraceEvent;
    to = Math.max(to, e.t);
    if (e.type === 'user') {
      user.push(userItem(e, i));
      to = Math.max(to, e.end);
    } else if (e.type === 'say') {
      bot.push(sayItem(e, i));
      to = Math.max(to, e.end);
    } else if (e.type === 'enter') {
      lastModule = e.module;
    } else if (e.type === 'interruption') {
      modules.push(interruptionItem(e, i));
    } else if (e.type === 'end') {
      modules.push(endItem(e.state, e.reason, e.t, lastModule, i));
    } else if (e.type === 'request') {
      laneOf(e.endpoint); // lanes in the order endpoints are first used
    }
  }
  user.push(...silenceItems(trace));

  for (const s of moduleSpans(trace)) {
    const detail = [`${s.module} (visit ${s.nth})`, s.end > s.start ? span(s.start, s.end) : `at ${formatMs(s.start)}`];
    if (s.port !== null) detail.push(`left by ${s.port}${s.to ? ` → ${s.to}` : ''}${s.arrow === 'red' ? ' (red arrow: waits for the user)' : ''}`, `why: ${s.reason ?? ''}`);
    modules.push({ lane: 2, row: 0, kind: 'module', start: s.start, end: s.end, label: s.port ? `${s.module} → ${s.port}` : s.module, detail, module: s.module, eventIndex: s.enterIndex, tone: s.arrow === 'red' ? 'pause' : 'module' });
  }

  const requests = requestSpans(trace);
  const requestById = new Map(requests.map((r) => [r.id, r]));
  for (const r of requests) {
    const items = laneOf(r.endpoint);
    const lane = endpointLane.get(r.endpoint) as number;
    items.push({ lane, row: 0, kind: 'request', start: r.sentAt, end: r.endAt, label: requestLabel(r), detail: requestDetail(r), module: r.module, eventIndex: r.eventIndex, tone: requestTone(r) });
    to = Math.max(to, r.endAt);
    if (r.deadline !== null) {
      items.push({ lane, row: 0, kind: 'deadline', start: r.deadline, end: r.deadline, label: 'deadline', detail: [`Endpoint deadline of ${r.id}: ${formatMs(r.deadline)}`, `(sent at ${formatMs(r.sentAt)} + endpoint timeout ${formatMs(r.deadline - r.sentAt)})`], module: r.module, eventIndex: r.eventIndex, tone: 'error' });
      if (r.outcome === 'open' || r.endAt >= r.deadline) to = Math.max(to, r.deadline);
    }
  }

  for (const w of awaitWindows(trace)) {
    const items = laneOf(w.endpoint);
    const lane = endpointLane.get(w.endpoint) as number;
    const waited = w.resolvedAt > w.start;
    // What the await read when it routed: the answer, or the request's failure.
    const request = w.requestId === null ? undefined : requestById.get(w.requestId);
    const readFailure = (w.result === 'routed' || w.result === 'ready') && request?.outcome === 'failed';
    const result = readFailure ? `failed (${request?.reason ?? 'error'})` : w.result;
    items.push({
      lane,
      row: 1,
      kind: 'await',
      start: w.start,
      end: waited || w.result === 'open' ? w.windowEnd : w.start,
      filledUntil: w.resolvedAt,
      label: `${w.module}: ${result}`,
      detail: [
        `${w.module} awaits ${w.endpoint}${w.requestId ? ` (${w.requestId})` : ''}`,
        `module timeout ${formatMs(w.timeoutMs)}: window ${span(w.start, w.windowEnd)}`,
        waited ? `waited until ${formatMs(w.resolvedAt)}: ${result}` : `did not wait: ${result}`,
      ],
      module: w.module,
      eventIndex: w.eventIndex,
      tone: readFailure ? 'error' : w.result === 'routed' || w.result === 'ready' ? 'ok' : w.result === 'module_timeout' ? 'warn' : w.result === 'open' ? 'open' : 'error',
    });
  }

  for (const items of laneItems) items.sort((a, b) => a.start - b.start || a.eventIndex - b.eventIndex);
  const from = trace[0]?.t ?? 0;
  return { from, to: Math.max(to, from), lanes, laneItems, deadAir: deadAirIntervals(trace), hangup: hangupAt(trace), eventCount: trace.length };
}

/** The end of the run, labelled with where it ended: `bye → end`, `agent → handover`, `caller hung up`. */
function endItem(state: string, reason: string | undefined, t: number, lastModule: string | null, eventIndex: number): TimelineItem {
  const label = state === 'hangup' ? '☎ caller hung up' : lastModule !== null ? `${lastModule} → ${state}${reason ? ` (${reason})` : ''}` : `end: ${state}`;
  return {
    lane: 2,
    row: 0,
    kind: 'end',
    start: t,
    end: t,
    label,
    labels: [...(lastModule !== null && state !== 'hangup' ? [`${lastModule} → ${state}`] : []), state === 'hangup' ? 'hung up' : state],
    detail: [`Run ended: ${state}${reason ? ` (${reason})` : ''}`, `at ${formatMs(t)}${lastModule !== null ? `, in ${lastModule}` : ''}`],
    module: lastModule,
    eventIndex,
    tone: state === 'error' ? 'error' : state === 'handover' || state === 'hangup' ? 'warn' : 'ok',
  };
}

function span(start: number, end: number): string {
  return `${formatMs(start)} → ${formatMs(end)} (${formatMs(end - start)})`;
}

function requestLabel(r: RequestSpan): string {
  switch (r.outcome) {
    case 'response':
      return `${r.id} ${r.status ?? ''}`;
    case 'failed':
      return `${r.id} ${r.reason ?? 'failed'}`;
    case 'superseded':
      return `${r.id} superseded`;
    case 'abandoned':
      return `${r.id} abandoned (caller hung up)`;
    case 'open':
      return `${r.id} in flight`;
  }
}

function requestTone(r: RequestSpan): Tone {
  if (r.outcome === 'failed') return 'error';
  if (r.outcome === 'superseded' || r.outcome === 'abandoned') return 'muted';
  if (r.outcome === 'open') return 'open';
  return r.status !== null && r.status >= 200 && r.status < 300 ? 'ok' : 'warn';
}

function requestDetail(r: RequestSpan): string[] {
  const lines = [
    r.method !== null ? `${r.id} ${r.method} ${r.url ?? ''}` : `${r.id} (never sent)`,
    r.module !== null ? `${r.mode ?? ''} request from ${r.module}` : `${r.endpoint}`,
  ];
  switch (r.outcome) {
    case 'response':
      lines.push(`sent ${formatMs(r.sentAt)} → arrived ${formatMs(r.endAt)} (${formatMs(r.endAt - r.sentAt)}), status ${r.status ?? '?'}`);
      break;
    case 'failed':
      lines.push(`failed at ${formatMs(r.endAt)}: ${r.reason ?? ''}${r.status !== null ? ` (status ${r.status})` : ''}`);
      break;
    case 'superseded':
      lines.push(`superseded at ${formatMs(r.endAt)}: its answer is dropped`);
      break;
    case 'open':
      lines.push(`still in flight when the run ended (${formatMs(r.endAt)})`);
      break;
  }
  if (r.deadline !== null) lines.push(`endpoint deadline ${formatMs(r.deadline)}`);
  if (r.consumedAt !== null) lines.push(`answer used at ${formatMs(r.consumedAt)}`);
  return lines;
}
