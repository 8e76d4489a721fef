import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../main/api/formats/trace';
import { pickLabel } from '../../renderer/src/timeline/draw-items';
import { DEFAULT_GEOMETRY, deadAirAt, gutterLaneAt, laneBoxes, totalHeight } from '../../renderer/src/timeline/geometry';
import { filterLanes } from '../../renderer/src/timeline/lane-filter';
import { buildTimeline } from '../../renderer/src/timeline/layout';
import { fitWindow, timeToX } from '../../renderer/src/timeline/view-window';

/*
 * A voice call by hand (150 wpm = 400 ms a word): "Press one or two." (4 words) 0–1600 is cut at
 * 1000 by the caller's keys "1#" (2 keys × 100 ms: 1000–1200), so "Thanks." queued after it is
 * dropped. Then the bot waits from 1200; the no-input timer fires at 1200 + 3000 = 4200 (silent 3000 ms)
 * → the handler `again`, whose speech is cut by a hang-up at 5000.
 */
const voice: TraceEvent[] = [
  { type: 'start', t: 0, flow: 'f', channel: 'voice', seed: 1 },
  { type: 'enter', t: 0, module: 'menu' },
  { type: 'say', t: 0, module: 'menu', text: 'Press one or two.', start: 0, end: 1600, cutAt: 1000 },
  { type: 'say', t: 0, module: 'menu', text: 'Thanks.', start: 1600, end: 1600, dropped: true },
  { type: 'port', t: 0, module: 'menu', port: 'next', reason: 'speaks 0–1600 ms', to: 'read', arrow: 'red' },
  { type: 'user', t: 1200, text: '1#', start: 1000, end: 1200, via: 'dtmf' },
  { type: 'enter', t: 1200, module: 'read' },
  { type: 'port', t: 1200, module: 'read', port: 'next', reason: 'captured', to: 'ask', arrow: 'red' },
  { type: 'interruption', t: 4200, kind: 'no_input', module: 'ask', to: 'again', count: 1 },
  { type: 'context', t: 4200, name: 'sys_no_input_count', value: 1, source: 'system' },
  { type: 'enter', t: 4200, module: 'again' },
  { type: 'say', t: 4200, module: 'again', text: 'Are you there?', start: 4200, end: 5400, cutAt: 5000 },
  { type: 'port', t: 4200, module: 'again', port: 'next', reason: 'speaks', to: 'ask', arrow: 'red' },
  { type: 'end', t: 5000, state: 'hangup', reason: 'caller hung up at 5000 ms' },
];

describe('the timeline draws voice turn events (SPEC §7.1)', () => {
  const model = buildTimeline(voice);
  const [user, bot, modules] = [model.laneItems[0] ?? [], model.laneItems[1] ?? [], model.laneItems[2] ?? []];

  it('cut speech keeps its full length and where it was cut; dropped speech is a marker', () => {
    expect(bot.map((i) => [i.kind, i.start, i.end, i.cutAt])).toEqual([
      ['bot-speech', 0, 1600, 1000],
      ['dropped', 1600, 1600, undefined],
      ['bot-speech', 4200, 5400, 5000],
    ]);
    expect(bot[0]?.detail).toContain('cut at 1000 ms: 600 ms never played (hatched)');
  });

  it('DTMF keys, 100 ms each, and the silence before the no-input timer', () => {
    const keys = user.find((i) => i.keys !== undefined);
    expect(keys?.keys?.map((k) => [k.key, k.start, k.end])).toEqual([
      ['1', 1000, 1100],
      ['#', 1100, 1200],
    ]);
    // The wait starts at 1200 (the red arrow; the cut menu is silent since 1000), the timer fires at 4200.
    expect(user.filter((i) => i.kind === 'silence').map((i) => [i.start, i.end, i.label])).toEqual([[1200, 4200, 'silence 3000 ms → no_input #1']]);
  });

  it('the interruption marker and the hang-up: a line across the lanes, an end marker that says so', () => {
    expect(modules.filter((i) => i.kind === 'interruption').map((i) => [i.start, i.label, i.module])).toEqual([[4200, '⚡ no_input #1 → again', 'again']]);
    expect(model.hangup).toEqual({ t: 5000, eventIndex: 13 });
    expect(modules.find((i) => i.kind === 'end')).toMatchObject({ start: 5000, label: '☎ caller hung up', tone: 'warn' });
    // The call lasts until the cut (5000), but the drawing spans the speech as it was queued (5400).
    expect(model.to).toBe(5400);
  });

  it('words the bot did not hear are hatched and muted', () => {
    const ignored = buildTimeline([
      { type: 'start', t: 0, flow: 'f', channel: 'voice', seed: 1 },
      { type: 'user', t: 800, text: 'agent', start: 400, end: 800, ignored: true },
    ]).laneItems[0]?.[0];
    expect(ignored).toMatchObject({ hatched: true, tone: 'muted', label: 'not heard: “agent”' });
  });
});

describe('the code lane (SPEC §7.2)', () => {
  const trace: TraceEvent[] = [
    { type: 'start', t: 0, flow: 'f', channel: 'chat', seed: 1 },
    { type: 'enter', t: 0, module: 'tier' },
    { type: 'code', t: 0, kind: 'lambda', module: 'tier', outcome: 'ok' },
    { type: 'context', t: 0, name: 'tier', value: 'vip', source: 'lambda:tier' },
    { type: 'port', t: 0, module: 'tier', port: 'vip', reason: "returned 'vip'", to: 'call', arrow: 'green' },
    { type: 'enter', t: 0, module: 'call' },
    { type: 'request', t: 0, id: 'r1', endpoint: 'e', module: 'call', mode: 'blocking', method: 'GET', url: '/x', deadline: 1000 },
    { type: 'response', t: 100, id: 'r1', status: 200, arrival: 100 },
    { type: 'code', t: 100, kind: 'post', module: 'call', endpoint: 'e', id: 'r1', outcome: 'error' },
    { type: 'warning', t: 100, kind: 'lambda_error', message: 'TypeError: x is undefined', module: 'call', id: 'r1', line: 2 },
    { type: 'request_failed', t: 100, id: 'r1', endpoint: 'e', reason: 'hook_error:post: TypeError: x is undefined (line 2)' },
    { type: 'end', t: 100, state: 'end' },
  ];
  const model = buildTimeline(trace);

  it('comes after the modules, before the endpoints, only when code ran', () => {
    expect(model.lanes.map((l) => l.id)).toEqual(['user', 'bot', 'modules', 'code', 'endpoint:e']);
    expect(buildTimeline(voice).lanes.some((l) => l.kind === 'code')).toBe(false);
  });

  it('one marker per run with its changes, its port or its error and line', () => {
    const code = model.laneItems[3] ?? [];
    expect(code.map((i) => [i.start, i.label, i.tone])).toEqual([
      [0, 'λ tier → vip', 'ok'],
      [100, 'post hook e error', 'error'],
    ]);
    expect(code[0]?.detail).toEqual(['λ tier at 0 ms', 'context tier = "vip"', "port vip: returned 'vip'"]);
    // A failed run changes nothing (its changes are not applied): no context line.
    expect(code[1]?.detail).toEqual(['post hook e (request r1, as its answer was routed) at 100 ms', 'error: TypeError: x is undefined (line 2)']);
  });

  it('hides lanes on request, renumbering the rest', () => {
    const shown = filterLanes(model, new Set(['bot', 'code']));
    expect(shown.lanes.map((l) => l.id)).toEqual(['user', 'modules', 'endpoint:e']);
    expect(shown.laneItems.map((items) => [...new Set(items.map((i) => i.lane))])).toEqual([[], [1], [2]]);
    expect(filterLanes(model, new Set())).toBe(model);
  });
});

describe('labels never say nothing', () => {
  // 6.2 px a character: 40 px hold 6 characters, 100 px hold 16.
  it('takes the longest form that fits, and cuts only when enough remains', () => {
    const item = { label: 'check → waiting', labels: ['check'] };
    expect(pickLabel(item, 100)).toBe('check → waiting');
    expect(pickLabel(item, 40)).toBe('check');
    expect(pickLabel(item, 24)).toBe('');
    expect(pickLabel({ label: 'Please key in your order number, then press hash.' }, 100)).toBe('Please key in y…');
    expect(pickLabel({ label: 'r1 200' }, 30)).toBe('');
    // Whole forms only (a marker's label tries the other side of it before it cuts).
    expect(pickLabel({ label: 'Please key in your order number, then press hash.' }, 100, false)).toBe('');
  });
});

describe('dead-air bands and lane names under the pointer', () => {
  const trace: TraceEvent[] = [
    { type: 'start', t: 0, flow: 'f', channel: 'voice', seed: 1 },
    { type: 'enter', t: 0, module: 'wait' },
    { type: 'port', t: 1000, module: 'wait', port: 'next', reason: 'waited', to: 'talk', arrow: 'green' },
    { type: 'enter', t: 1000, module: 'talk' },
    { type: 'say', t: 1000, module: 'talk', text: 'Hello there', start: 1000, end: 1800 },
    { type: 'end', t: 1000, state: 'end' },
  ];
  const model = buildTimeline(trace);
  const g = { ...DEFAULT_GEOMETRY, width: 1136 };
  const view = fitWindow(model.from, model.to);
  const x = (t: number) => timeToX(t, view, g.labelWidth, g.width - g.labelWidth - 8);
  const footerY = totalHeight(model, g) - g.footerHeight / 2;

  it('finds the band 0–1000 in the footer strip, nothing elsewhere', () => {
    expect(model.deadAir).toEqual([{ start: 0, end: 1000 }]);
    expect(deadAirAt(model, g, view, x(500), footerY)).toBe(0);
    expect(deadAirAt(model, g, view, x(1500), footerY)).toBe(-1);
    expect(deadAirAt(model, g, view, x(500), (laneBoxes(model, g)[0]?.top ?? 0) + 5)).toBe(-1);
  });

  it('names the lane under the pointer in the gutter', () => {
    const boxes = laneBoxes(model, g);
    expect(gutterLaneAt(model, g, 20, (boxes[2]?.top ?? 0) + 5)).toBe(2);
    expect(gutterLaneAt(model, g, x(500), (boxes[2]?.top ?? 0) + 5)).toBe(-1);
  });
});
