import { describe, expect, it } from 'vitest';
import { SESSION_FORMAT } from '../../../main/api/formats/session';
import type { SessionFile } from '../../../main/api/formats/session';
import { compileFlow } from '../../../main/engine/compiled-flow';
import { DialogRunner } from '../../../main/engine/dialog-runner';
import { InMemoryTransport } from '../../../main/engine/in-memory-transport';
import { liveUser } from '../../../main/engine/user-source';
import { VirtualClock } from '../../../main/engine/virtual-clock';
import { compileMocks } from '../../../mocks/core/compile-mocks';
import { buildSession } from '../../../main/sessions/build-session';
import { RecordingTransport } from '../../../main/sessions/recording-transport';
import { replaySession } from '../../../main/sessions/replay-session';
import { endpoint, flow, mocks, route } from '../../support/scenario-builder';

/** A voice flow: ask, capture, call an API, answer. */
const voice = flow({
  channel: 'voice',
  start: 'ask',
  endpoints: [endpoint('e', { timeoutMs: 2000, map: { v: 'body.value' } })],
  modules: [
    { id: 'ask', type: 'say', text: 'your number please', ports: { next: { to: 'read', arrow: 'red' } } },
    { id: 'read', type: 'capture', save: 'n', pattern: '\\d+', ports: { next: 'call', nomatch: 'ask' } },
    { id: 'call', type: 'api', endpoint: 'e', ports: { success: 'tell', failure: 'sorry' } },
    { id: 'tell', type: 'say', text: 'it is {{v}}', ports: { next: 'bye' } },
    { id: 'sorry', type: 'say', text: 'sorry', ports: { next: 'bye' } },
    { id: 'bye', type: 'end' },
  ],
});

/** Records a "live" session on the virtual clock: the user answers 700 ms after the bot is ready. */
function record(): SessionFile {
  const clock = new VirtualClock();
  const recorder = new RecordingTransport(new InMemoryTransport({ clock, mocks: compileMocks(mocks([route('e', 900)])), seed: 1 }), clock);
  const runner = new DialogRunner({ flow: compileFlow(voice), clock, transport: recorder, user: liveUser, seed: 1, sessionId: 's' });
  runner.start();
  expect(runner.waitingForUser).toBe(true);
  clock.advanceBy(1200 + 700); // the bot speaks 3 words (1200 ms); the user waits 700 ms more
  runner.userSays('it is 42');
  expect(runner.waitingForUser).toBe(false);
  clock.advanceBy(10_000);
  expect(runner.ended).toBe(true);
  return buildSession({ id: 's', startedAt: new Date('2026-11-24T10:00:00Z'), flow: voice, clock: 'virtual', seed: 1 }, runner.outcome!, recorder.exchanges);
}

describe('record and replay', () => {
  it('records the user timing and every exchange', () => {
    const session = record();
    expect(session.format).toBe(SESSION_FORMAT);
    expect(session.user).toEqual([{ say: 'it is 42', at: 1900, afterMs: 700 }]);
    expect(session.exchanges).toHaveLength(1);
    expect(session.exchanges[0]).toMatchObject({ endpoint: 'e', module: 'call', sentAt: 3100, outcome: { status: 200, arrivedAt: 4000 }, gaveUp: false });
  });

  it('an unchanged replay takes the same ports at the same times', () => {
    const session = record();
    const replay = replaySession(session, { flow: voice });
    expect(replay.divergence).toBeNull();
    expect(replay.trace.filter((e) => e.type === 'port')).toEqual(session.trace.filter((e) => e.type === 'port'));
    expect(replaySession(session, { flow: voice, relative: true }).divergence).toBeNull();
  });

  it('a request the recording lacks is a divergence', () => {
    const session = { ...record(), exchanges: [] };
    const replay = replaySession(session, { flow: voice });
    expect(replay.mismatches).toEqual([{ id: 'r1', endpoint: 'e', module: 'call', problem: 'unrecorded: the recording has no more exchanges for this endpoint' }]);
    expect(replay.divergence).toMatchObject({ module: 'call', replayed: { port: 'failure', reason: 'no recorded answer for this request (replay)' } });
  });

  it('a slower API in the replay changes the path, and the divergence says where', () => {
    const replay = replaySession(record(), { flow: voice, endpointLatency: { e: 2500 } });
    expect(replay.divergence?.module).toBe('call');
    expect(replay.divergence?.recorded.port).toBe('success');
    expect(replay.divergence?.replayed.port).toBe('failure');
    expect(replay.divergence?.replayed.contexts).toEqual({ n: '42' });
  });
});
