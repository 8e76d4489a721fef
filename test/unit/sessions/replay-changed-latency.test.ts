import { describe, expect, it } from 'vitest';
import { replaySession } from '../../../main/sessions/replay-session';
import { eventsOf, ports } from '../../support/scenario-builder';
import { orderFlow, recordOrderSession, shop } from './support-story';

// Recorded with order_status at 5200 ms: r1 sent at 3200 (deadline 8200) never got an
// answer; check left by waiting at 7700 and by failure at 8200 → sorry → handover.
const session = recordOrderSession(5200);

describe('replaying a timed-out request at a changed latency', () => {
  it('as recorded, it still times out (no divergence)', () => {
    const replay = replaySession(session, { flow: orderFlow });
    expect(replay.divergence).toBeNull();
    expect(replay.endState).toBe('handover');
  });

  it('at 300 ms, the fallback mock set answers at 3500: check succeeds at 4700 instead of waiting', () => {
    const replay = replaySession(session, { flow: orderFlow, endpointLatency: { order_status: 300 }, fallbackMocks: { mocks: shop, label: 'mocks/shop.mocks.yaml' } });
    // r1 sent at 3200, answered 300 ms later; check enters at 3200 + 1500 = 4700 with the answer there.
    expect(eventsOf(replay.trace, 'response')).toMatchObject([{ id: 'r1', t: 3500, status: 200 }]);
    expect(ports(replay.trace)).toContain('check:success@4700');
    expect(replay.endState).toBe('end');
    expect(replay.contexts).toMatchObject({ order_state: 'shipped' });
    // Port choices: greet, read, lookup, hold, pause, then check — the 6th differs.
    expect(replay.divergence).toMatchObject({ step: 5, module: 'check', recorded: { port: 'waiting', t: 7700 }, replayed: { port: 'success', t: 4700 } });
    expect(replay.mismatches).toEqual([]);
    expect(replay.notes).toEqual([
      { id: 'r1', endpoint: 'order_status', module: 'lookup', message: 'the recording got no answer (timed out at 5000 ms); at 300 ms it is answered from mocks/shop.mocks.yaml' },
    ]);
  });

  it('at 300 ms with no mock set, it fails as unrecorded at 3500 and says there is nothing to replay', () => {
    const replay = replaySession(session, { flow: orderFlow, endpointLatency: { order_status: 300 } });
    expect(eventsOf(replay.trace, 'request_failed')).toMatchObject([{ id: 'r1', t: 3500, reason: 'unrecorded' }]);
    expect(replay.divergence).toMatchObject({ module: 'check', recorded: { port: 'waiting' }, replayed: { port: 'failure', reason: 'no recorded answer for this request (replay)' } });
    expect(replay.mismatches).toEqual([
      {
        id: 'r1',
        endpoint: 'order_status',
        module: 'lookup',
        problem: 'no recorded answer to replay at 300 ms (the recording: timed out at 5000 ms); it fails as unrecorded — answer from a mock set to see what the bot does with an answer',
      },
    ]);
  });

  it('at 6000 ms (past the 5000 ms timeout) it times out as recorded: no answer is needed', () => {
    const replay = replaySession(session, { flow: orderFlow, endpointLatency: { order_status: 6000 }, fallbackMocks: { mocks: shop, label: 'shop' } });
    expect(replay.divergence).toBeNull();
    expect(replay.notes).toEqual([]);
    expect(eventsOf(replay.trace, 'request_failed')).toMatchObject([{ id: 'r1', t: 8200, reason: 'timeout' }]);
  });
});

describe('replaying an answered request at a changed latency', () => {
  it('moves its answer: 4800 recorded, 300 replayed → check succeeds at once', () => {
    // Recorded at 4800: answer at 8000 — check #1 waits until min(8000, 7700, 8200) = 7700 → waiting.
    const answered = recordOrderSession(4800);
    expect(ports(answered.trace)).toContain('check:waiting@7700');
    const replay = replaySession(answered, { flow: orderFlow, endpointLatency: { order_status: 300 } });
    expect(eventsOf(replay.trace, 'response')).toMatchObject([{ id: 'r1', t: 3500 }]);
    expect(replay.divergence).toMatchObject({ module: 'check', recorded: { port: 'waiting' }, replayed: { port: 'success' } });
  });
});
