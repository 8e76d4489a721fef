import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../main/api/formats/results';
import type { TraceEvent } from '../../main/api/formats/trace';
import { setClient } from '../../renderer/src/api/client';
import { useRunsStore } from '../../renderer/src/stores/use-runs-store';
import { fakeClient } from './fake-client';
import { slowApiTrace } from './fixtures/slow-api-trace';

const result: ScenarioResult = {
  name: 'slow API — waiting once, then success',
  file: 'scenarios/order-status.scenario.yaml',
  status: 'passed',
  endState: 'end',
  clock: 'virtual',
  seed: 42,
  virtualMs: 8000,
  wallMs: 3,
  checks: [],
  contexts: {},
  path: [],
  trace: slowApiTrace,
};

describe('runs store', () => {
  let client: ReturnType<typeof fakeClient>;

  beforeEach(() => {
    setActivePinia(createPinia());
    client = fakeClient({
      'runs.start': () => ({ runId: 'run-1', flowFile: '/examples/flows/order-status.flow.yaml', result, appliedPatches: { order_status: { latency: { fixed: 6000 } } } }),
      'examples.list': () => ({ root: '/examples', files: [] }),
    });
    setClient(client);
  });

  it('runs an example scenario through runs.start and keeps what the host said', async () => {
    const runs = useRunsStore();
    runs.useMockPatches = false;
    await runs.run({ kind: 'example', file: 'scenarios/order-status.scenario.yaml', index: 1, name: result.name });
    const input = client.calls[0]?.input as Record<string, unknown>;
    expect(client.calls[0]?.name).toBe('runs.start');
    expect(input).toEqual({ file: 'scenarios/order-status.scenario.yaml', index: 1, useMockPatches: false, runId: expect.stringMatching(/^ui-/) });
    expect(runs.current?.appliedPatches).toEqual({ order_status: { latency: { fixed: 6000 } } });
    expect(runs.flowName).toBe('Order status (voice, async + await)');
    expect(runs.model.to).toBe(9600);
    expect(runs.scrubT).toBe(0);
  });

  it('opens a latency band: the scenario as written, virtual clock, the endpoint latency pinned, under our run id', async () => {
    const runs = useRunsStore();
    runs.clock = 'real';
    await runs.run({ kind: 'example', file: 'scenarios/order-status.scenario.yaml', index: 1, name: result.name, endpointLatency: { order_status: 4750 } });
    expect(client.calls[0]?.input).toEqual({
      file: 'scenarios/order-status.scenario.yaml',
      index: 1,
      runId: expect.stringMatching(/^ui-/),
      useMockPatches: false,
      clock: 'virtual',
      endpointLatency: { order_status: 4750 },
    });
    // R reruns it the same way.
    await runs.rerun();
    const starts = client.calls.filter((c) => c.name === 'runs.start');
    expect(starts).toHaveLength(2);
    expect((starts[1]?.input as { endpointLatency?: unknown }).endpointLatency).toEqual({ order_status: 4750 });
  });

  it('shows only the live events of its own run', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    client = fakeClient({
      'runs.start': async () => {
        await gate;
        return { runId: 'x', flowFile: null, result, appliedPatches: {} };
      },
      'examples.list': () => ({ root: '/examples', files: [] }),
    });
    setClient(client);
    const runs = useRunsStore();
    runs.clock = 'real';
    const done = runs.run({ kind: 'example', file: 'f', index: 0, name: 'n' });
    await Promise.resolve();
    const runId = (client.calls[0]?.input as { runId: string }).runId;
    client.emit('runs.trace', { runId: 'someone-else', seq: 0, event: { type: 'start', t: 0, flow: 'other', channel: 'chat', seed: 1 } });
    client.emit('runs.trace', { runId, seq: 0, event: { type: 'start', t: 0, flow: 'mine', channel: 'voice', seed: 1 } });
    // The live trace is drawn on a timer: poll for it rather than sleep past the timer.
    await expect.poll(() => runs.live.map((e) => (e.type === 'start' ? e.flow : e.type))).toEqual(['mine']);
    release();
    await done;
    expect(runs.live).toEqual([]);
  });

  it('places each live event at its index in the trace, whatever order they come in, each once', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    client = fakeClient({
      'runs.start': async () => {
        await gate;
        return { runId: 'x', flowFile: null, result, appliedPatches: {} };
      },
      'examples.list': () => ({ root: '/examples', files: [] }),
    });
    setClient(client);
    const runs = useRunsStore();
    runs.clock = 'real';
    const done = runs.run({ kind: 'example', file: 'f', index: 0, name: 'n' });
    await Promise.resolve();
    const runId = (client.calls[0]?.input as { runId: string }).runId;
    const send = (seq: number): void => client.emit('runs.trace', { runId, seq, event: slowApiTrace[seq] as TraceEvent });
    [0, 2, 1, 3, 2, 4].forEach(send);
    await expect.poll(() => runs.live).toEqual(slowApiTrace.slice(0, 5));
    // A missed event leaves its place empty: the later ones still show, in trace order.
    [6, 5, 8].forEach(send);
    await expect.poll(() => runs.live).toEqual([...slowApiTrace.slice(0, 7), slowApiTrace[8]]);
    release();
    await done;
  });

  it('derives the pending requests and the ports so far from the trace at the scrubbed time', async () => {
    const runs = useRunsStore();
    await runs.run({ kind: 'example', file: 'f', index: 1, name: 'n' });
    runs.scrub(6000);
    expect(runs.pending.map((p) => [p.endpoint, p.module, p.age, p.timeLeft])).toEqual([['order_status', 'lookup', 2800, 2200]]);
    expect(runs.portsSoFar).toBe(5);
    runs.scrub(9000);
    expect(runs.pending).toEqual([]);
    expect(runs.portsSoFar).toBe(9);
    runs.scrub(20_000);
    expect(runs.scrubT).toBe(9600);
  });

  it('walks the port choices and selects their modules', async () => {
    const runs = useRunsStore();
    await runs.run({ kind: 'example', file: 'f', index: 1, name: 'n' });
    runs.scrub(7000);
    runs.jumpPort(1);
    expect([runs.scrubT, runs.selectedModule, runs.portEvents[runs.selectedPort ?? -1]?.port]).toEqual([7700, 'check', 'waiting']);
    runs.jumpPort(1);
    expect([runs.selectedModule, runs.portEvents[runs.selectedPort ?? -1]?.port]).toEqual(['tries', 'next']);
    runs.jumpPort(-1);
    runs.jumpPort(-1);
    expect([runs.scrubT, runs.selectedModule]).toEqual([4700, 'pause']);
  });

  it('selects a module visit at or before the scrubbed time', async () => {
    const runs = useRunsStore();
    await runs.run({ kind: 'example', file: 'f', index: 1, name: 'n' });
    runs.scrub(7800);
    runs.selectModule('check');
    expect(runs.trace[runs.selectedEvent ?? -1]).toMatchObject({ type: 'enter', module: 'check', t: 7700 });
  });

  it('keeps the error of a failed run and the last result on screen', async () => {
    const runs = useRunsStore();
    await runs.run({ kind: 'example', file: 'f', index: 1, name: 'n' });
    setClient(fakeClient({}));
    await runs.run({ kind: 'example', file: 'g', index: 0, name: 'other' });
    expect(runs.error).toBe('no fake for runs.start');
    expect(runs.current?.result.name).toBe(result.name);
    expect(runs.running).toBe(false);
  });
});

describe('runs store: the inspector follows the scrubber', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    setClient(fakeClient({ 'runs.start': () => ({ runId: 'run-1', flowFile: null, result, appliedPatches: {} }), 'examples.list': () => ({ root: '/examples', files: [] }) }));
  });

  it('selects the last event at or before the scrubbed time, and the contexts as of then', async () => {
    const runs = useRunsStore();
    await runs.run({ kind: 'example', file: 'f', index: 1, name: 'n' });
    // Loaded at 0: the last event at 0 is greet's port (start, enter, say, port).
    expect([runs.selectedEvent, runs.trace[runs.selectedEvent ?? -1]?.type]).toEqual([3, 'port']);
    // At 4000 the last event is pause's entry at 3200 (the next one, pause's port, comes at 4700).
    runs.scrub(4000);
    expect(runs.trace[runs.selectedEvent ?? -1]).toMatchObject({ type: 'enter', module: 'pause', t: 3200 });
    expect(runs.contexts.map((c) => [c.name, c.value])).toEqual([['order_id', '12345']]);
    // The arrow keys too; the request of the selected await is inspected.
    runs.scrub(4700);
    expect(runs.trace[runs.selectedEvent ?? -1]).toMatchObject({ type: 'await', outcome: 'pending', t: 4700 });
    expect(runs.inspection).toMatchObject({ id: 'r1', sentAt: 3200, endedAt: 8000, latencyMs: 4800 });
  });

  it('a click selects the item and moves the scrubber there; ◀ ▶ walk the events', async () => {
    const runs = useRunsStore();
    await runs.run({ kind: 'example', file: 'f', index: 1, name: 'n' });
    const request = runs.trace.findIndex((e) => e.type === 'request');
    runs.selectAt(request, 5000);
    expect([runs.scrubT, runs.selectedEvent]).toEqual([5000, request]);
    runs.stepEvent(1);
    expect(runs.selectedEvent).toBe(request + 1);
    expect(runs.trace[request + 1]).toMatchObject({ type: 'port', module: 'lookup' });
    expect(runs.scrubT).toBe(3200);
  });

  it('selects a dead-air band (5200–8000: hold ends, the answer comes) and says what the bot was busy with', async () => {
    const runs = useRunsStore();
    await runs.run({ kind: 'example', file: 'f', index: 1, name: 'n' });
    runs.selectDeadAir(0);
    expect([runs.scrubT, runs.selectedEvent, runs.selectedDeadAir]).toEqual([5200, null, 0]);
    // pause 3200–4700 ends before it; check waits 4700–7700 and 7700–8000; r1 is in flight 3200–8000.
    expect(runs.deadAirSelection?.modules.map((m) => [m.module, m.start, m.end])).toEqual([
      ['check', 4700, 7700],
      ['check', 7700, 8000],
    ]);
    expect(runs.deadAirSelection?.requests.map((r) => r.id)).toEqual(['r1']);
    runs.scrub(6000);
    expect(runs.selectedDeadAir).toBeNull();
  });

  it('hides and shows lanes', async () => {
    const runs = useRunsStore();
    await runs.run({ kind: 'example', file: 'f', index: 1, name: 'n' });
    runs.setLaneShown('user', false);
    expect(runs.shownModel.lanes.map((l) => l.id)).toEqual(['bot', 'modules', 'endpoint:order_status']);
    runs.setLaneShown('user', true);
    expect(runs.shownModel.lanes.length).toBe(4);
  });
});
