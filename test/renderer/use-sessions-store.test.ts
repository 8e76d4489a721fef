import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../main/api/formats/trace';
import type { LiveSessionStatus } from '../../main/api/routes/sessions';
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
  trace: [...trace],
  saved: false,
  ...patch,
});
const greeting = slowApiTrace.slice(0, 4);
const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('sessions and recordings stores', () => {
  let client: FakeClient;
  let say: () => void = () => undefined;

  beforeEach(() => {
    setActivePinia(createPinia());
    client = fakeClient({
      'sessions.start': () => status(greeting),
      'sessions.say': () =>
        new Promise((resolve) => {
          say = () => resolve(status(slowApiTrace, { running: false, waitingForUser: false, endState: 'end', now: 8000, saved: true }));
        }),
      'sessions.stop': () => status(slowApiTrace, { running: false, waitingForUser: false, endState: 'end', now: 8000, saved: true }),
      'sessions.status': () => status(slowApiTrace.slice(0, 10)),
      'sessions.list': () => ({ sessions: [{ id: 's1', startedAt: '2026-11-24T10:00:00Z', flow: { name: 'Order status (voice, async + await)', sha256: 'x' }, scenarioId: null, savedAt: '2026-11-24T10:00:10Z' }] }),
      'sessions.get': () => ({ format: 'flowbench.session/1', id: 's1', startedAt: '2026-11-24T10:00:00Z', flow: { name: 'F', sha256: 'x' }, clock: 'real', seed: 7, user: [], exchanges: [], trace: slowApiTrace }),
    });
    setClient(client);
  });
  afterEach(() => say());

  it('starts a session on the mock server at the time scale asked for', async () => {
    const sessions = useSessionsStore();
    expect(await sessions.start({ flowFile: 'flows/order-status.flow.yaml', baseUrl: null, timeScale: 0.25 })).toBe(true);
    expect(client.calls[0]).toEqual({ name: 'sessions.start', input: { flowFile: 'flows/order-status.flow.yaml', timeScale: 0.25 } });
    expect(sessions.liveTrace).toHaveLength(4);
    expect(sessions.waitingForUser).toBe(true);
  });

  it('fills the trace in from the live events of its session while the bot works, then takes the host’s', async () => {
    const sessions = useSessionsStore();
    sessions.listen();
    // The events of the start arrive live too; those already known are not added twice.
    greeting.forEach((event) => client.emit('sessions.trace', { id: 's1', event }));
    await sessions.start({ flowFile: 'flows/order-status.flow.yaml', baseUrl: 'https://api.example.com', timeScale: 1 });
    expect(client.calls[0]?.input).toEqual({ flowFile: 'flows/order-status.flow.yaml', timeScale: 1, baseUrl: 'https://api.example.com' });
    const saying = sessions.say("It's 12345");
    expect(sessions.pending).toEqual({ text: "It's 12345", from: 4 });
    expect(sessions.waitingForUser).toBe(false);
    for (const event of slowApiTrace.slice(4, 9)) client.emit('sessions.trace', { id: 's1', event });
    client.emit('sessions.trace', { id: 'another', event: slowApiTrace[0] as TraceEvent });
    await tick(80);
    expect(sessions.liveTrace.map((e) => e.type)).toEqual(slowApiTrace.slice(0, 9).map((e) => e.type));
    say();
    await saying;
    expect(sessions.liveTrace).toHaveLength(slowApiTrace.length);
    expect(sessions.running).toBe(false);
    expect(sessions.pending).toBeNull();
    // The ended session was saved (stop waits for the recording) and is selected for replay.
    expect(client.calls.map((c) => c.name)).toContain('sessions.stop');
    const recordings = useRecordingsStore();
    expect(recordings.items.map((s) => s.id)).toEqual(['s1']);
    expect(recordings.selectedId).toBe('s1');
  });

  it('replays the selected session with the options given', async () => {
    const sessions = useRecordingsStore();
    const replayClient = fakeClient({
        'sessions.get': () => ({ format: 'flowbench.session/1', id: 's1', startedAt: '', flow: { name: 'F', sha256: 'x' }, clock: 'real', seed: 7, user: [], exchanges: [], trace: [] }),
        'sessions.replay': (input) => ({ endState: 'handover', endReason: null, virtualMs: 1, trace: [], recordedTrace: [], divergence: null, mismatches: [], flowChanged: input.flowFile !== undefined }),
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
