import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../main/api/formats/trace';
import { buildTimeline } from '../../renderer/src/timeline/layout';
import type { TimelineItem } from '../../renderer/src/timeline/layout';
import { slowApiTrace } from './fixtures/slow-api-trace';

const summary = (items: readonly TimelineItem[]) => items.map((i) => `${i.kind} ${i.start}-${i.end} ${i.label}`);

describe('buildTimeline (slow API: waiting once, then success)', () => {
  const model = buildTimeline(slowApiTrace);

  it('has the user, bot and module lanes, then one lane per endpoint', () => {
    expect(model.lanes.map((l) => [l.kind, l.label, l.rows])).toEqual([
      ['user', 'User speech', 1],
      ['bot', 'Bot speech', 1],
      ['modules', 'Modules', 1],
      ['endpoint', 'order_status', 2],
    ]);
  });

  it('spans the run to the end of the last speech', () => {
    expect([model.from, model.to]).toEqual([0, 9600]);
    expect(model.eventCount).toBe(slowApiTrace.length);
  });

  it('draws speech from its start to its end', () => {
    expect(summary(model.laneItems[0] ?? [])).toEqual(["user-speech 2400-3200 It's 12345"]);
    expect(summary(model.laneItems[1] ?? [])).toEqual([
      "bot-speech 0-2000 Hi, what's your order number?",
      'bot-speech 3200-5200 One moment while I check.',
      'bot-speech 8000-9600 Your order is shipped.',
    ]);
  });

  it('spans each module visit from entry to exit, and marks the end of the run', () => {
    const modules = model.laneItems[2] ?? [];
    expect(summary(modules.filter((i) => i.end > i.start))).toEqual(['module 3200-4700 pause → next', 'module 4700-7700 check → waiting', 'module 7700-8000 check → success']);
    // The end marker says where the run ended: in bye, state end.
    expect(modules.find((i) => i.kind === 'end')).toMatchObject({ start: 8000, tone: 'ok', label: 'bye → end', module: 'bye' });
    // The red arrow out of greet (the bot waits for the user) is a pause.
    expect(modules.find((i) => i.module === 'greet')?.tone).toBe('pause');
  });

  it('draws the request from send to arrival, its deadline, and each await window', () => {
    const endpoint = model.laneItems[3] ?? [];
    expect(summary(endpoint.filter((i) => i.row === 0))).toEqual(['request 3200-8000 r1 200', 'deadline 8200-8200 deadline']);
    const windows = endpoint.filter((i) => i.kind === 'await');
    expect(windows.map((w) => [w.start, w.end, w.filledUntil, w.tone, w.label])).toEqual([
      [4700, 7700, 7700, 'warn', 'check: module_timeout'],
      [7700, 10700, 8000, 'ok', 'check: routed'],
    ]);
    expect(endpoint.find((i) => i.kind === 'request')?.detail).toContain('endpoint deadline 8200 ms');
  });

  it('shades the dead air: nobody speaks while the bot waits for the API', () => {
    expect(model.deadAir).toEqual([{ start: 5200, end: 8000 }]);
  });

  it('says when an await read the request’s failure rather than an answer', () => {
    const trace: TraceEvent[] = [
      { type: 'start', t: 0, flow: 'f', channel: 'chat', seed: 1 },
      { type: 'request', t: 0, id: 'r1', endpoint: 'api', module: 'send', mode: 'async', method: 'GET', url: '/x', deadline: 1000 },
      { type: 'await', t: 0, module: 'wait', endpoint: 'api', id: 'r1', outcome: 'pending', timeoutMs: 3000, until: 1000 },
      { type: 'request_failed', t: 1000, id: 'r1', endpoint: 'api', reason: 'timeout' },
      { type: 'await', t: 1000, module: 'wait', endpoint: 'api', id: 'r1', outcome: 'routed', timeoutMs: 3000, until: 1000 },
      { type: 'end', t: 1000, state: 'handover' },
    ];
    const lane = buildTimeline(trace).laneItems[3] ?? [];
    expect(lane.find((i) => i.kind === 'request')).toMatchObject({ start: 0, end: 1000, tone: 'error', label: 'r1 timeout' });
    expect(lane.find((i) => i.kind === 'await')).toMatchObject({ tone: 'error', label: 'wait: failed (timeout)' });
  });

  it('is empty but valid for an empty trace', () => {
    const empty = buildTimeline([]);
    expect([empty.from, empty.to, empty.lanes.length, empty.deadAir]).toEqual([0, 0, 3, []]);
  });
});
