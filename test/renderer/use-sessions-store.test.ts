import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../main/api/formats/trace';
import type { LiveSessionStatus, SessionListEntry } from '../../main/api/routes/sessions';
import { setClient } from '../../renderer/src/api/client';
import { useRecordingsStore } from '../../renderer/src/stores/use-recordings-store';
import { useSessionsStore } from '../../renderer/src/stores/use-sessions-store';
import { fakeClient } from './fake-client';
import type { FakeClient } from './fake-client';
import { slowApiTrace } from './fixtures/slow-api-trace';

const status = (trace: readonly TraceEvent[], patch: Partial<LiveSessionStatus> = {}): LiveSessionStatus => ({
  id: 's1',
  flowFile: '/examples/flows/order-status.flow.yaml',
  flowName: 'Order status (voice, async + await)',
  channel: 'voice',
  running: true,
  waitingForUser: true,
  endState: null,
  endReason: null,
  now: trace.at(-1)?.t ?? 0,
  audioEnd: 0,
  noInputAt: null,
  trace: [...trace],
  saved: false,
  ...patch,
});
const greeting = slowApiTrace.slice(0, 4);
const listEntry: SessionListEntry = {
  id: 's1',
  startedAt: '2026-11-24T10:00:00Z',
  flow: { name: 'Order status (voice, async + await)', sha256: 'x', file: '/examples/flows/order-status.flow.yaml' },
  scenarioId: null,
  savedAt: '2026-11-24T10:00:10Z',
  channel: 'voice',
  endState: 'end',
  endReason: null,
  durationMs: 9600,
  userMessages: 1,
  exchanges: 1,
};

describe('sessions and recordings stores', () => {
  let client: FakeClient;
  let say: () => void = () => undefined;

  beforeEach(() => {
    setActivePinia(createPinia());
    client = fakeClient({
      'sessions.start': () => {
        // The events of the start arrive live while the call is on its way (its id not known yet), and again in its answer.
        greeting.forEach((event, seq) => client.emit('sessions.trace', { id: 's1', seq, event }));
        return status(greeting);
      },
      'sessions.say': () =>
        new Promise((resolve) => {
          say = () => resolve(status(slowApiTrace, { running: false, waitingForUser: false, endState: 'end', now: 8000, saved: true }));
        }),
      'sessions.stop': () => status(slowApiTrace, { running: false, waitingForUser: false, endState: 'end', now: 8000, saved: true }),
      'sessions.status': () => status(slowApiTrace.slice(0, 10)),
      'sessions.list': () => ({ sessions: [listEntry] }),
      'sessions.get': () => ({ format: 'flowbench.session/1', id: 's1', startedAt: '2026-11-24T10:00:00Z', flow: { name: 'F', sha256: 'x' }, clock: 'real', seed: 7, user: [], exchanges: [], trace: slowApiTrace }),
    });
    setClient(client);
  });
  afterEach(() => say());

  const callNames = (): string[] => client.calls.map((c) => c.name);

  it('starts a session on the mock server at the time scale asked for', async () => {
    const sessions = useSessionsStore();
    expect(await sessions.start({ flowFile: 'flows/order-status.flow.yaml', baseUrl: null, timeScale: 0.25 })).toBe(true);
    expect(client.calls[0]).toEqual({ name: 'sessions.start', input: { flowFile: 'flows/order-status.flow.yaml', timeScale: 0.25 } });
    expect(sessions.liveTrace).toHaveLength(4);
    expect(sessions.waitingForUser).toBe(true);
  });

  it('fills the trace in from the live events of its session, each at its seq, then takes the host’s', async () => {
    const sessions = useSessionsStore();
    sessions.listen();
    // The events of the start came live and in the start's answer: each is there once.
    await sessions.start({ flowFile: 'flows/order-status.flow.yaml', baseUrl: 'https://api.example.com', timeScale: 1 });
    expect(client.calls[0]?.input).toEqual({ flowFile: 'flows/order-status.flow.yaml', timeScale: 1, baseUrl: 'https://api.example.com' });
    expect(sessions.liveTrace).toEqual(greeting);
    const saying = sessions.say("It's 12345");
    expect(sessions.pending).toEqual({ kind: 'say', text: "It's 12345", from: 4 });
    expect(sessions.waitingForUser).toBe(false);
    // One twice, and another session's: placed by seq, each once, ours only.
    for (const seq of [4, 5, 6, 6, 7, 8]) client.emit('sessions.trace', { id: 's1', seq, event: slowApiTrace[seq] as TraceEvent });
    client.emit('sessions.trace', { id: 'another', seq: 9, event: slowApiTrace[0] as TraceEvent });
    // The trace is drawn at most every 50 ms: poll for it rather than sleep past the timer.
    await expect.poll(() => sessions.liveTrace).toEqual(slowApiTrace.slice(0, 9));
    // Nothing was missed: the host's status was never asked for (no polling).
    expect(callNames()).not.toContain('sessions.status');
    say();
    await saying;
    expect(sessions.liveTrace).toEqual(slowApiTrace);
    expect(sessions.running).toBe(false);
    expect(sessions.pending).toBeNull();
    // The ended session was saved (stop waits for the recording) and is selected for replay.
    expect(callNames()).toContain('sessions.stop');
    const recordings = useRecordingsStore();
    expect(recordings.items).toEqual([listEntry]);
    expect(recordings.selectedId).toBe('s1');
  });

  it('asks the host’s status once when a live event was missed, and fills the hole exactly', async () => {
    const sessions = useSessionsStore();
    sessions.listen();
    await sessions.start({ flowFile: 'flows/order-status.flow.yaml', baseUrl: null, timeScale: 1 });
    const saying = sessions.say("It's 12345");
    // Event 4 never arrives live; 5 and 6 do.
    client.emit('sessions.trace', { id: 's1', seq: 5, event: slowApiTrace[5] as TraceEvent });
    client.emit('sessions.trace', { id: 's1', seq: 6, event: slowApiTrace[6] as TraceEvent });
    await expect.poll(() => callNames().filter((n) => n === 'sessions.status')).toHaveLength(1);
    // The status (events 0–9) fills in 4 and brings the rest; a late live copy changes nothing.
    client.emit('sessions.trace', { id: 's1', seq: 4, event: slowApiTrace[4] as TraceEvent });
    await expect.poll(() => sessions.liveTrace).toEqual(slowApiTrace.slice(0, 10));
    expect(callNames().filter((n) => n === 'sessions.status')).toHaveLength(1);
    say();
    await saying;
    expect(sessions.liveTrace).toEqual(slowApiTrace);
  });

  it('replays the selected session with the options given', async () => {
    const sessions = useRecordingsStore();
    const replayClient = fakeClient({
        'sessions.get': () => ({ format: 'flowbench.session/1', id: 's1', startedAt: '', flow: { name: 'F', sha256: 'x' }, clock: 'real', seed: 7, user: [], exchanges: [], trace: [] }),
        'sessions.replay': (input) => ({ endState: 'handover', endReason: null, virtualMs: 1, trace: [], recordedTrace: [], divergence: null, mismatches: [], notes: [], flowChanged: input.flowFile !== undefined }),
    });
    setClient(replayClient);
    await sessions.select('s1');
    sessions.replayOptions = { flowFile: 'flows/edited.flow.yaml', relative: true, answers: 'recording', mocksFile: 'mocks/other.mocks.yaml', endpointLatency: { order_status: 6000 } };
    const outcome = await sessions.runReplay();
    expect(outcome?.flowChanged).toBe(true);
    // A mocks file only goes with answers from mocks.
    expect(replayClient.calls[1]).toEqual({ name: 'sessions.replay', input: { id: 's1', relative: true, answers: 'recording', endpointLatency: { order_status: 6000 }, flowFile: 'flows/edited.flow.yaml' } });
    expect(sessions.replayedWith?.endpointLatency).toEqual({ order_status: 6000 });
    expect(sessions.replay?.endState).toBe('handover');
  });

  it('says why a session did not start', async () => {
    setClient(fakeClient({}));
    const sessions = useSessionsStore();
    expect(await sessions.start({ flowFile: 'f', baseUrl: null, timeScale: 1 })).toBe(false);
    expect(sessions.liveError).toBe('no fake for sessions.start');
  });
});
