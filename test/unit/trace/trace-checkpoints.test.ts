import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../main/api/formats/trace';
import { contextsAt } from '../../../main/api/trace/contexts-at';
import { pendingRequestsAt } from '../../../main/api/trace/pending-requests';
import { contextsAtCheckpointed, pendingRequestsAtCheckpointed, traceCheckpoints } from '../../../main/api/trace/trace-checkpoints';
import { exampleTrace } from './example-traces';

const get = (id: string, t: number, deadline: number): TraceEvent => ({ type: 'request', t, id, endpoint: 'poll', module: 'send', mode: 'async', method: 'GET', url: '/poll', deadline });

/*
 * Two async requests: r1 sent at 100 (deadline 2100), answered at 900, read by an await at
 * 1000; r2 sent at 1200 (deadline 3200), answered at 2000, never read (the run ends at 2500).
 * `tier` is set at 0 and 1100, `status` at 1000. With a checkpoint every 3 events, the
 * checkpoints stand before events 0, 3, 6 and 9 (times 0, 900, 1100, 2000).
 */
const trace: TraceEvent[] = [
  { type: 'start', t: 0, flow: 'f', channel: 'chat', seed: 1 },
  { type: 'context', t: 0, name: 'tier', value: 'standard', source: 'initial' },
  get('r1', 100, 2100),
  { type: 'response', t: 900, id: 'r1', status: 200, arrival: 900 },
  { type: 'await', t: 1000, module: 'check', endpoint: 'poll', id: 'r1', outcome: 'ready', timeoutMs: 1000, until: 1000 },
  { type: 'context', t: 1000, name: 'status', value: 200, source: 'status' },
  { type: 'context', t: 1100, name: 'tier', value: 'vip', source: 'set' },
  get('r2', 1200, 3200),
  { type: 'say', t: 1300, module: 'ask', text: 'Still checking', start: 1300, end: 1900 },
  { type: 'response', t: 2000, id: 'r2', status: 200, arrival: 2000 },
  { type: 'end', t: 2500, state: 'end' },
];
const cp = traceCheckpoints(trace, 3);
const pendingBrief = (t: number) => pendingRequestsAtCheckpointed(cp, t).map((r) => [r.id, r.arrived, r.age, r.timeLeft]);
const contextBrief = (t: number) => contextsAtCheckpointed(cp, t).map((c) => [c.name, c.value, c.changedAt, c.changes]);

describe('trace checkpoints: the scrubbed state from the nearest checkpoint', () => {
  it('saves the state before every third event', () => {
    expect(cp.checkpoints.length).toBe(4);
    expect([...(cp.checkpoints[1]?.pending.keys() ?? [])]).toEqual(['r1']);
    expect(cp.checkpoints[2]?.pending.size).toBe(0);
    expect([...(cp.checkpoints[3]?.pending.keys() ?? [])]).toEqual(['r2']);
  });

  it('knows which requests are pending at each moment', () => {
    expect(pendingBrief(50)).toEqual([]);
    // r1 in flight: age 500, 1600 ms left of its 2000 ms.
    expect(pendingBrief(600)).toEqual([['r1', false, 500, 1500]]);
    // Arrived at 900, not read until the await at 1000.
    expect(pendingBrief(950)).toEqual([['r1', true, 850, 1150]]);
    expect(pendingBrief(1000)).toEqual([]);
    expect(pendingBrief(1500)).toEqual([['r2', false, 300, 1700]]);
    // The checkpoint before event 9 holds r2 in flight; the response at 2000 is event 9 itself.
    expect(pendingBrief(2000)).toEqual([['r2', true, 800, 1200]]);
    // The run ended: nothing pending any more.
    expect(pendingBrief(2500)).toEqual([]);
  });

  it('leaves the saved checkpoints as they were (an arrival read after one is not written into it)', () => {
    pendingBrief(2000);
    expect(cp.checkpoints[3]?.pending.get('r2')?.arrived).toBe(false);
    contextBrief(2500);
    expect(cp.checkpoints[2]?.contexts.get('tier')).toEqual({ index: 1, changes: 1 });
  });

  it('knows the contexts at each moment, with their change counts', () => {
    expect(contextBrief(0)).toEqual([['tier', 'standard', 0, 1]]);
    expect(contextBrief(1050)).toEqual([
      ['status', 200, 1000, 1],
      ['tier', 'standard', 0, 1],
    ]);
    expect(contextBrief(1100)).toEqual([
      ['status', 200, 1000, 1],
      ['tier', 'vip', 1100, 2],
    ]);
  });

  it('answers as the whole-trace fold does, at every moment of a real run and any spacing', async () => {
    const real = await exampleTrace('order-status.scenario.yaml', 'slow API');
    const end = real.at(-1)?.t ?? 0;
    for (const every of [1, 4, 64]) {
      const checkpoints = traceCheckpoints(real, every);
      for (let t = -100; t <= end + 100; t += 100) {
        expect(pendingRequestsAtCheckpointed(checkpoints, t)).toEqual(pendingRequestsAt(real, t));
        expect(contextsAtCheckpointed(checkpoints, t)).toEqual(contextsAt(real, t));
      }
    }
  });

  it('answers nothing for an empty trace', () => {
    const empty = traceCheckpoints([]);
    expect(pendingRequestsAtCheckpointed(empty, 100)).toEqual([]);
    expect(contextsAtCheckpointed(empty, 100)).toEqual([]);
  });
});
