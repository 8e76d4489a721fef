import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutputOf, RouteName } from '../../../main/api/contract';
import type { ApiError } from '../../../main/api/errors';
import { createHost } from '../../../main/host/host';
import type { Host } from '../../../main/host/host';
import { sessionToHar } from '../../../main/sessions/har-export';
import { examplesDir, repoRoot } from '../../support/paths';
import { exampleCounts } from '../../support/example-counts';

let dir: string;
let host: Host;

/*
 * A data-driven scenario in the examples folder: the latency of order_status per row, the
 * expected end per row (by SPEC §3, as worked out in test/unit/analysis/tune.test.ts: a
 * latency of 4800 ms is waited for once, 6000 ms is past the 5000 ms endpoint timeout).
 */
const dataDriven = `format: flowbench.scenario/1
flow: ../flows/order-status.flow.yaml
mocks: ../mocks/shop.mocks.yaml
name: "order at {{latency}} ms"
each:
  - { latency: 4800, ends: end }
  - { latency: 6000, ends: handover }
overrides: { order_status: { latency: { fixed: "{{latency}}" } } }
user: [ { say: "It's 12345", afterMs: 400 } ]
expect: [ { ends: "{{ends}}" } ]
`;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowbench-tune-host-'));
  cpSync(examplesDir, join(dir, 'examples'), { recursive: true });
  writeFileSync(join(dir, 'examples', 'scenarios', 'rows.scenario.yaml'), dataDriven);
  host = createHost({ mode: 'cli', appRoot: repoRoot, name: 'flowbench', version: '0', dataDir: dir, examplesDir: join(dir, 'examples'), dbFile: join(dir, 'db.sqlite') });
});
afterEach(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<N extends RouteName>(name: N, input: unknown): Promise<OutputOf<N>> {
  const result = await host.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as OutputOf<N>;
}

async function failure(name: RouteName, input: unknown): Promise<ApiError> {
  const result = await host.dispatch(name, input);
  if (result.ok) throw new Error(`${name} should have failed`);
  return result.error;
}

describe('analysis.tune and analysis.tuneRun', () => {
  it('returns the table and the recommendation, and each path opens as a run with its sample', async () => {
    const table = await call('analysis.tune', {
      file: 'scenarios/order-status.scenario.yaml',
      index: 1,
      endpoint: 'order_status',
      source: { kind: 'model', model: { fixed: 4800 } },
      timeouts: [1000, 3000],
      samples: 10,
      maxDeadAirMs: 2799,
    });
    // Hand-worked in test/unit/analysis/tune.test.ts: T = 1000 hands over at 7700 (dead air 2500), T = 3000 ends (2800).
    expect(table.candidates.map((c) => [c.timeoutMs, c.handoverProbability, c.deadAirMs?.p95])).toEqual([
      [1000, 1, 2500],
      [3000, 0, 2800],
    ]);
    expect(table.recommendation).toMatchObject({ candidate: 0, timeoutMs: 1000 });
    const handover = table.candidates[0]?.paths[0];
    if (!handover) throw new Error('no path');
    const opened = await call('analysis.tuneRun', {
      file: 'scenarios/order-status.scenario.yaml',
      index: 1,
      patch: table.candidates[0]?.patch,
      endpointLatency: { order_status: handover.sample.latencyMs },
      seed: handover.sample.seed,
    });
    expect(opened.result.endState).toBe('handover');
    expect(opened.result.path).toEqual(handover.path);
    expect(opened.result.seed).toBe(handover.sample.seed);
    expect(opened.result.trace.find((e) => e.type === 'port' && e.port === 'waiting')?.t).toBe(5700); // 4700 + 1000
  });

  it('fits a HAR document given as content', async () => {
    const exchanges = [400, 800, 1600].map((ms, i) => ({
      endpoint: 'order_status',
      module: 'lookup',
      sentAt: 10_000 * i,
      request: { method: 'GET' as const, url: `/orders/${i}`, headers: {}, body: null },
      outcome: { status: 200, headers: {}, body: null, arrivedAt: 10_000 * i + ms },
    }));
    const har = sessionToHar({ format: 'flowbench.session/1', id: 's', startedAt: '2026-11-24T10:00:00Z', flow: { name: 'x', sha256: 'x' }, clock: 'real', seed: 1, user: [], exchanges, trace: [] }, '1');
    const fit = await call('analysis.fitLatency', { file: 'scenarios/order-status.scenario.yaml', endpoint: 'order_status', source: { kind: 'har', har, name: 'support.har' } });
    // ln 400, ln 800, ln 1600 = ln 800 ∓ ln 2: median 800 ms exactly, sd ln 2·√(2/3) = 0.565949.
    expect(fit).toMatchObject({ source: 'HAR file support.har', n: 3, answered: 3, censored: 0 });
    expect(fit.medianMs).toBeCloseTo(800, 6);
    expect(fit.sigma).toBeCloseTo(0.565949, 5);
  });

  it('refuses what it cannot do, with a reason', async () => {
    const journal = await failure('analysis.fitLatency', { file: 'scenarios/order-status.scenario.yaml', endpoint: 'order_status', source: { kind: 'journal' } });
    expect(journal).toMatchObject({ code: 'invalid_input', message: 'the mock server is not running: start it in the Mocks view, or give a journal URL' });
    const sessions = await failure('analysis.fitLatency', { file: 'scenarios/order-status.scenario.yaml', endpoint: 'order_status', source: { kind: 'sessions' } });
    expect(sessions.message).toBe(`no request of endpoint 'order_status' in 0 recorded real-clock sessions of flow "Order status (voice, async + await)" (0 other requests)`);
    const big = await failure('analysis.tune', { file: 'scenarios/order-status.scenario.yaml', endpoint: 'order_status', source: { kind: 'model', model: { fixed: 1 } }, samples: 100_000, timeouts: [1000, 2000, 3000, 4000, 5000] });
    expect(big.code).toBe('invalid_input');
    const patch = await failure('analysis.tuneRun', { file: 'scenarios/order-status.scenario.yaml', patch: { greet: { timeoutMs: 5 } }, endpointLatency: {}, seed: 1 });
    expect(patch.message).toBe("module 'greet' is a say: only an api_await takes timeoutMs and only a counter takes max");
  });
});

describe('data-driven scenarios through the host', () => {
  it('lists, runs and tunes each row of an example file as its own scenario', async () => {
    const list = await call('examples.list', { kind: 'scenario' });
    expect(list.files.find((f) => f.path === 'scenarios/rows.scenario.yaml')?.scenarios).toEqual(['order at 4800 ms', 'order at 6000 ms']);
    const second = await call('runs.start', { file: 'scenarios/rows.scenario.yaml', index: 1, useMockPatches: false });
    expect(second.result).toMatchObject({ name: 'order at 6000 ms', status: 'passed', endState: 'handover', row: { index: 1, values: { latency: 6000, ends: 'handover' } } });
    const table = await call('analysis.tune', { file: 'scenarios/rows.scenario.yaml', index: 1, endpoint: 'order_status', source: { kind: 'model', model: { fixed: 6000 } }, timeouts: [3000], samples: 5 });
    expect(table.scenario).toBe('order at 6000 ms');
  });

  it('keeps each row a separate result in the library: run, history and compare', async () => {
    const imported = await call('library.import', { paths: [join(dir, 'examples')] });
    // The examples (a library entry per scenario) and the data-driven one (one entry, rows within).
    expect(imported).toMatchObject({ scenarios: { created: (await exampleCounts()).scenarios + 1 } });
    const listed = await call('scenarios.list', { text: 'order at', limit: 10, offset: 0 });
    expect(listed.items.map((s) => s.name)).toEqual(['order at {{latency}} ms']);
    const id = listed.items[0]?.id ?? 0;
    const first = await call('scenarios.run', { ids: [id] });
    expect(first.results.map((r) => [r.name, r.status, r.endState])).toEqual([
      ['order at 4800 ms', 'passed', 'end'],
      ['order at 6000 ms', 'passed', 'handover'],
    ]);
    const second = await call('scenarios.run', { ids: [id] });
    const history = await call('scenarios.history', { scenarioId: id, limit: 10 });
    expect(history.runs.map((r) => [r.runId, r.name])).toEqual([
      [second.run.id, 'order at 6000 ms'],
      [second.run.id, 'order at 4800 ms'],
      [first.run.id, 'order at 6000 ms'],
      [first.run.id, 'order at 4800 ms'],
    ]);
    expect(history.totals).toEqual({ passed: 4, failed: 0, errors: 0 });
    const stored = await call('results.get', { id: first.results[1]?.resultId ?? 0 });
    expect(stored.row).toEqual({ index: 1, values: { latency: 6000, ends: 'handover' } });
    const compared = await call('scenarios.compare', { scenarioId: id, before: first.run.id, after: second.run.id, name: 'order at 6000 ms' });
    expect(compared.after.name).toBe('order at 6000 ms');
    expect(compared.changedChecks).toBe(0);
    // Exported as written: the placeholders stay, and the rows with them.
    const out = join(dir, 'export');
    await call('library.export', { dir: out });
    const exported = readFileSync(join(out, 'scenarios', 'rows.scenario.yaml'), 'utf8');
    expect(exported).toContain('fixed: "{{latency}}"');
    expect(exported).toContain('latency: 6000');
    const table = await call('analysis.tune', { scenarioId: id, row: 1, endpoint: 'order_status', source: { kind: 'model', model: { fixed: 6000 } }, timeouts: [3000], samples: 5 });
    expect(table.scenario).toBe('order at 6000 ms');
    // 6000 ms: failure at the endpoint deadline 8200 → handover (the boundary explorer's band 5001–8000).
    expect(table.candidates[0]?.paths.map((p) => p.summary)).toEqual(['check.waiting → check.failure → handover']);
  });
});
