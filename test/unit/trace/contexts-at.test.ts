import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../main/api/formats/trace';
import { contextsAt } from '../../../main/api/trace/contexts-at';
import { lastEventAt } from '../../../main/api/trace/event-at';
import { exampleTrace } from './example-traces';

/*
 * "slow API — waiting once, then success" (order-status, 150 wpm = 400 ms a word): greet speaks
 * 0–2000, the caller speaks 2400–3200 ("It's 12345"): read captures order_id at 3200. lookup
 * sends r1 at 3200 (latency 4800: answer at 8000); check waits 4700–7700 (module timeout 3000)
 * → tries: await_tries = 1 at 7700 → check routes the answer at 8000: statusContext
 * order_http_status = 200, then the map: order_state = shipped, eta = tomorrow.
 */
describe('contextsAt: the contexts as of the scrubbed time', async () => {
  const trace = await exampleTrace('order-status.scenario.yaml', 'slow API');
  const brief = (t: number) => contextsAt(trace, t).map((c) => [c.name, c.value, c.source, c.changedAt]);

  it('nothing before the capture; order_id from 3200 ms (the capture)', () => {
    expect(brief(3199)).toEqual([]);
    expect(brief(3200)).toEqual([['order_id', '12345', 'capture', 3200]]);
    expect(brief(6000)).toEqual([['order_id', '12345', 'capture', 3200]]);
  });

  it('the counter at 7700 ms, the answer read at 8000 ms: status, then the map (sorted by name)', () => {
    expect(brief(7700)).toEqual([
      ['await_tries', 1, 'counter', 7700],
      ['order_id', '12345', 'capture', 3200],
    ]);
    expect(brief(8000)).toEqual([
      ['await_tries', 1, 'counter', 7700],
      ['eta', 'tomorrow', 'map', 8000],
      ['order_http_status', 200, 'status', 8000],
      ['order_id', '12345', 'capture', 3200],
      ['order_state', 'shipped', 'map', 8000],
    ]);
  });

  it('keeps a deleted context, marked deleted, and counts the changes', () => {
    const t: TraceEvent[] = [
      { type: 'start', t: 0, flow: 'f', channel: 'chat', seed: 1 },
      { type: 'context', t: 0, name: 'tier', value: 'standard', source: 'initial' },
      { type: 'context', t: 10, name: 'tier', value: 'vip', source: 'lambda:tier' },
      { type: 'context', t: 20, name: 'tier', deleted: true, source: 'delete' },
    ];
    expect(contextsAt(t, 15)).toEqual([{ name: 'tier', value: 'vip', deleted: false, source: 'lambda:tier', changedAt: 10, eventIndex: 2, changes: 2 }]);
    expect(contextsAt(t, 20)).toEqual([{ name: 'tier', deleted: true, source: 'delete', changedAt: 20, eventIndex: 3, changes: 3 }]);
  });
});

describe('lastEventAt: the event the scrubber is on', () => {
  const t: TraceEvent[] = [
    { type: 'start', t: 0, flow: 'f', channel: 'chat', seed: 1 },
    { type: 'enter', t: 0, module: 'a' },
    { type: 'enter', t: 500, module: 'b' },
    { type: 'enter', t: 500, module: 'c' },
    { type: 'end', t: 900, state: 'end' },
  ];
  it('is the last event at or before t (the last of those sharing a time)', () => {
    expect(lastEventAt(t, -1)).toBeNull();
    expect(lastEventAt(t, 0)).toBe(1);
    expect(lastEventAt(t, 499)).toBe(1);
    expect(lastEventAt(t, 500)).toBe(3);
    expect(lastEventAt(t, 10_000)).toBe(4);
    expect(lastEventAt([], 5)).toBeNull();
  });
});
