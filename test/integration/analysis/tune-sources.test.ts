import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fitLognormal } from '../../../main/analysis/lognormal-fit';
import type { Exchange, SessionFile } from '../../../main/api/formats/session';
import { TuneTable } from '../../../main/api/routes/analysis-tune';
import { JournalPage } from '../../../main/api/routes/mocks';
import { Store } from '../../../main/store/store';
import { cli } from '../../support/cli-harness';
import { repoRoot } from '../../support/paths';
import { eventually, send } from '../mock-server/http-exchange';
import { useMockServers } from '../mock-server/mock-fixture';

const start = useMockServers();
const scenarioFile = join(repoRoot, 'examples', 'scenarios', 'order-status.scenario.yaml');
const tune = (source: string[]): string[] => ['tune', scenarioFile, '-e', 'order_status', ...source, '--timeouts', '2000,3000', '--samples', '20', '--json'];

describe('tune --from-journal (a real mock server)', () => {
  it("fits the endpoint's requests in the journal: answers by their latency, a client that gave up censored", async () => {
    const server = await start([
      // Each session's requests get 50, 100, 200, 400 ms in turn.
      { id: 'order_status', path: '/orders/:id', latency: { sequence: [50, 100, 200, 400] }, responses: [{ body: { state: 'shipped' } }] },
      { id: 'stuck', path: '/stuck', faults: [{ kind: 'hang', rate: 1 }], responses: [{ body: {} }] },
      { id: 'other', path: '/health', responses: [{ body: {} }] },
    ]);
    const module = { 'x-flowbench-module': 'lookup' };
    await Promise.all([
      // Two calls' worth from the flow's lookup module (sessions a and b)…
      ...[1, 2, 3, 4].map((i) => send(`${server.url}/orders/${i}`, { headers: { ...module, 'x-flowbench-session': 'a' } })),
      ...[1, 2, 3, 4].map((i) => send(`${server.url}/orders/${i}`, { headers: { ...module, 'x-flowbench-session': 'b' } })),
      // …one without headers, matched by its path (the first of its session: 50 ms)…
      send(`${server.url}/orders/9`),
      // …one the bot gave up on after 150 ms (sent by lookup, so it is order_status's)…
      send(`${server.url}/stuck`, { headers: module, timeoutMs: 150 }),
      // …and one of another endpoint.
      send(`${server.url}/health`),
    ]);
    await eventually(() => server.journal.size === 11);
    const journal = JournalPage.parse(await (await fetch(`${server.url}/__flowbench/journal`)).json());
    const gaveUp = journal.entries.find((e) => e.routeId === 'stuck');
    expect(gaveUp).toMatchObject({ clientGaveUp: true, status: null });

    const run = await cli(tune(['--from-journal', server.url]), repoRoot);
    expect(run.code).toBe(0);
    const fit = TuneTable.parse(JSON.parse(run.stdout)).latency.fit;
    expect(fit).toMatchObject({ n: 10, answered: 9, censored: 1, skipped: 1, source: `the journal of ${server.url}` });
    // The same observations, written down from what was sent: the fit of the journal is the fit of these.
    const expected = fitLognormal([
      ...[50, 100, 200, 400, 50, 100, 200, 400, 50].map((ms) => ({ ms, censored: false })),
      { ms: gaveUp?.durationMs ?? 0, censored: true },
    ]);
    expect(fit?.medianMs).toBeCloseTo(expected.medianMs, 9);
    expect(fit?.p99Ms).toBeCloseTo(expected.p99Ms, 9);
  });

  it('exits 2 when the journal cannot be read', async () => {
    const server = await start([{ id: 'x', path: '/x', responses: [{ body: {} }] }]);
    const url = server.url;
    await server.close();
    const run = await cli(tune(['--from-journal', url]), repoRoot);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot read the journal at ${url}/__flowbench/journal?limit=100000`);
  });
});

describe('tune --from-db (a real SQLite library)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flowbench-tune-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("fits the recorded sessions of the scenario's flow", async () => {
    const db = join(dir, 'lib.db');
    const store = Store.open(db);
    const exchange = (sentAt: number, outcome: Exchange['outcome']): Exchange => ({ endpoint: 'order_status', module: 'lookup', sentAt, request: { method: 'GET', url: '/orders/1', headers: {}, body: null }, outcome });
    const session = (id: string, flowName: string, exchanges: Exchange[]): SessionFile => ({
      format: 'flowbench.session/1', id, startedAt: '2026-11-24T10:00:00Z', flow: { name: flowName, sha256: 'x' }, clock: 'real', seed: 1, user: [], exchanges, trace: [],
    });
    const flowName = 'Order status (voice, async + await)';
    store.sessions.save(session('a', flowName, [exchange(3200, { status: 200, headers: {}, body: null, arrivedAt: 3600 }), exchange(9000, { status: 200, headers: {}, body: null, arrivedAt: 9800 })]), '2026-11-24T10:01:00Z');
    store.sessions.save(session('b', flowName, [exchange(3200, { status: 200, headers: {}, body: null, arrivedAt: 4800 }), exchange(9000, { error: 'timeout', at: 14_000 })]), '2026-11-24T10:02:00Z');
    store.sessions.save(session('c', 'Refund (chat)', [exchange(0, { status: 200, headers: {}, body: null, arrivedAt: 7 })]), '2026-11-24T10:03:00Z');
    store.close();

    const run = await cli(tune(['--from-db', db]), repoRoot);
    expect(run.code).toBe(0);
    const fit = TuneTable.parse(JSON.parse(run.stdout)).latency.fit;
    // 400, 800, 1600 answered (median 800 before the timeout is counted), one timeout at 5000.
    expect(fit).toMatchObject({ n: 4, answered: 3, censored: 1, source: `2 recorded real-clock sessions of flow "${flowName}"` });
    const expected = fitLognormal([{ ms: 400, censored: false }, { ms: 800, censored: false }, { ms: 1600, censored: false }, { ms: 5000, censored: true }]);
    expect(fit?.medianMs).toBeCloseTo(expected.medianMs, 9);
    expect(fit?.medianMs).toBeGreaterThan(800);
  });
});
