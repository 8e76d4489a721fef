import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputOf, RouteName } from '../../../main/api/contract';
import { createHost } from '../../../main/host/host';
import type { Host } from '../../../main/host/host';
import { examplesDir, repoRoot } from '../../support/paths';

const dir = mkdtempSync(join(tmpdir(), 'flowbench-real-runs-'));
let host: Host;

async function call<N extends RouteName>(name: N, input: unknown): Promise<OutputOf<N>> {
  const result = await host.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as OutputOf<N>;
}

// "API slower than the endpoint timeout": its override puts order_status at 6000 ms, past
// the 5000 ms timeout — on the real clock the answer can only come later than that (the
// server starts its latency when the request arrives). What does race is check's module
// timeout (3000 ms after check is entered, which a late timer delays) and the deadline,
// 500 conversation ms apart: at time scale 1 that is 500 ms of wall time, twice what a loaded
// machine (`stress --cpu 4`, load 15) made timers late; at 0.25 (125 ms) it was swapped.
const SLOW = { file: 'scenarios/order-status.scenario.yaml', index: 2 };
const SCALE = 1;

beforeAll(async () => {
  host = createHost({ mode: 'browser', appRoot: repoRoot, name: 'flowbench', version: '0.0.1-test', dataDir: dir, examplesDir, dbFile: join(dir, 'library.db') });
  await call('mocks.start', { file: 'mocks/shop.mocks.yaml' });
  await call('mocks.patchRoute', { routeId: 'order_status', override: { latency: { fixed: 5200 } } });
});
afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A session's journal: an exchange the bot gave up on is journaled when the server sees the socket close. */
async function journalOf(session: string): Promise<OutputOf<'mocks.journal'>['entries']> {
  await expect.poll(async () => (await call('mocks.journal', { session })).entries.length).toBeGreaterThan(0);
  return (await call('mocks.journal', { session })).entries;
}

describe('the live patches are part of the mock server status', () => {
  it('so a page that reloads knows which routes are patched, and how', async () => {
    const status = await call('mocks.status', {});
    expect(status.patches).toEqual({ order_status: { latency: { fixed: 5200 } } });
    expect(status.routes.find((r) => r.id === 'order_status')?.latency).toBe('fixed 5200 ms');
  });
});

describe('real-clock runs go through the running mock server', () => {
  it("as the scenario is written: its own override (6000 ms) answers its session, and the journal holds it", async () => {
    const outcome = await call('runs.start', { ...SLOW, clock: 'real', timeScale: SCALE, useMockPatches: false, runId: 'as-written' });
    expect(outcome.result.status).toBe('passed');
    expect(outcome.appliedPatches).toEqual({});
    const { url } = await call('mocks.status', {});
    expect(outcome.result.realClock?.target).toEqual({ kind: 'shared-mock-server', url, session: 'run:as-written' });
    // The server applies 6000 ms at the run's time scale, in wall time.
    expect(await journalOf('run:as-written')).toMatchObject([{ routeId: 'order_status', n: 1, module: 'lookup', path: '/orders/12345', latencyMs: 6000 * SCALE, clientGaveUp: true }]);
  });

  it('with the live patches: 5200 ms on top of the override, named in the outcome; each run is a fresh session', async () => {
    for (const runId of ['patched-1', 'patched-2']) {
      const outcome = await call('runs.start', { ...SLOW, clock: 'real', timeScale: SCALE, useMockPatches: true, runId });
      expect(outcome.appliedPatches).toEqual({ order_status: { latency: { fixed: 5200 } } });
      expect(outcome.result).toMatchObject({ status: 'passed', endState: 'handover' });
      // 5200 ms at the time scale; the request is the first of its session (counters start fresh).
      expect(await journalOf(`run:${runId}`)).toMatchObject([{ n: 1, module: 'lookup', latencyMs: 5200 * SCALE }]);
    }
  });

  it('a virtual run sends nothing to it', async () => {
    await journalOf('run:patched-2'); // the runs before are all journaled
    const before = (await call('mocks.journal', {})).total;
    const outcome = await call('runs.start', { ...SLOW, clock: 'virtual' });
    expect(outcome.result.realClock).toBeUndefined();
    expect((await call('mocks.journal', {})).total).toBe(before);
  });

  it('library scenarios too, on the clock asked for', async () => {
    await call('library.import', { paths: [examplesDir] });
    const found = await call('scenarios.list', { text: 'API slower than the endpoint timeout' });
    const id = found.items[0]?.id;
    const run = await call('scenarios.run', { ids: [id], clock: 'real', timeScale: SCALE, progressId: 'lib' });
    expect(run.results[0]).toMatchObject({ status: 'passed', appliedPatches: {} });
    const stored = await call('results.get', { id: run.results[0]?.resultId });
    expect(stored.realClock?.target).toMatchObject({ kind: 'shared-mock-server', session: `run:lib#${String(id)}` });
    expect(await journalOf(`run:lib#${String(id)}`)).toMatchObject([{ module: 'lookup', latencyMs: 6000 * SCALE }]);
  });

  it('lists the scenarios that run a flow against the served mock set, for "run against my patched mocks"', async () => {
    const example = await call('runs.scenariosForFlow', { flowFile: 'flows/order-status.flow.yaml' });
    expect(example.served).toMatchObject({ file: join(examplesDir, 'mocks', 'shop.mocks.yaml'), patches: { order_status: { latency: { fixed: 5200 } } } });
    // order-status.scenario.yaml holds 6 scenarios of this flow, all on mocks/shop.mocks.yaml.
    expect(example.scenarios.map((s) => [s.source.kind === 'example' && s.source.index, s.servedMocks])).toEqual([0, 1, 2, 3, 4, 5].map((i) => [i, true]));
    const flows = await call('flows.list', {});
    const libraryFlow = flows.items.find((f) => f.path === 'flows/order-status.flow.yaml');
    const library = await call('runs.scenariosForFlow', { libraryFlowId: libraryFlow?.id });
    // The library copy of the mock set has the same content: the server serves it too.
    expect(library.scenarios).toHaveLength(6);
    expect(library.scenarios.every((s) => s.source.kind === 'library' && s.servedMocks)).toBe(true);
  });

  it('with the server stopped, a real-clock run starts a mock server of its own', async () => {
    await call('mocks.stop', {});
    expect((await call('runs.scenariosForFlow', { flowFile: 'flows/order-status.flow.yaml' })).served).toBeNull();
    const outcome = await call('runs.start', { ...SLOW, clock: 'real', timeScale: SCALE });
    expect(outcome.result.status).toBe('passed');
    expect(outcome.result.realClock?.target.kind).toBe('own-mock-server');
  });
});
