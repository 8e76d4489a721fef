import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../../main/api/formats/results';
import { portCoverage } from '../../../main/analysis/coverage';
import { sweepLatency } from '../../../main/analysis/sweep';
import type { LoadedScenario } from '../../../main/formats/loaded-scenario';
import { runScenarioOnClock } from '../../../main/scenario/run-on-clock';
import { runScenario } from '../../../main/scenario/run-scenario';
import { FileLoader } from '../../../main/formats/file-loader';
import { FormatError } from '../../../main/formats/format-error';
import { lintFlow } from '../../../main/lints/lint-flow';
import { startBrowserServer } from '../../../main/host/browser-server';
import type { BrowserServer } from '../../../main/host/browser-server';
import { createHost } from '../../../main/host/host';
import type { Host } from '../../../main/host/host';
import type { JobPoolOptions } from '../../../main/workers/job-pool';
import { examplesDir, repoRoot } from '../../support/paths';

/*
 * Issue 18: the host's CPU work runs in a worker pool, off the server's event loop, with a
 * wall-time limit per job. Over real HTTP on 127.0.0.1: the server answers while a heavy
 * sweep runs; a job over its limit is ended and reported, and the next job works; jobs sent
 * together all complete, each as it does alone.
 */

interface Running {
  host: Host;
  server: BrowserServer;
  call(name: string, input: unknown): Promise<CallBody>;
}
interface CallBody {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

const dir = mkdtempSync(join(tmpdir(), 'flowbench-pool-'));
const started: Running[] = [];

async function start(workers: JobPoolOptions, name: string): Promise<Running> {
  const host = createHost({ mode: 'browser', appRoot: repoRoot, name: 'flowbench', version: '0', dataDir: dir, examplesDir, dbFile: join(dir, `${name}.sqlite`), workers });
  const server = await startBrowserServer({ host, port: 0 });
  const call = async (route: string, input: unknown): Promise<CallBody> => {
    const response = await fetch(new URL(`/api/call/${route}`, server.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify(input),
    });
    return (await response.json()) as CallBody;
  };
  const running = { host, server, call };
  started.push(running);
  return running;
}

afterAll(async () => {
  for (const { server, host } of started) {
    await server.close();
    await host.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

const SCENARIOS = 'scenarios/order-status.scenario.yaml';
/**
 * The boundary explorer on the slow-API scenario over 0–9,999 ms in 1 ms steps: the
 * route's maximum of 10,000 grid points, so 10,000 runs of the flow (bisection adds none:
 * every millisecond is a grid point) — seconds of CPU, where a ping takes a millisecond.
 */
const HEAVY_SWEEP = { file: SCENARIOS, index: 1, endpoint: 'order_status', from: 0, to: 9_999, step: 1 };

/** A GET of a cheap route (the page; the UI is not built here, so its short 503 text), timed from send to body. */
async function ping(server: BrowserServer): Promise<number> {
  const sent = performance.now();
  const response = await fetch(new URL('/', server.origin));
  await response.text();
  expect(response.status).toBe(503);
  return performance.now() - sent;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

describe('the host keeps answering while its workers compute', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start({ size: 2 }, 'answering');
    // Both workers started (each loads QuickJS and the engine once): what is timed below is the sweep, not start-up.
    const warm = await Promise.all([0, 1].map((index) => running.call('runs.start', { file: SCENARIOS, index })));
    expect(warm.map((w) => w.ok)).toEqual([true, true]);
    await ping(running.server); // the route's first GET: not timed
  }, 60_000);

  it('answers a GET within 100 ms while a 10,000-run sweep is running', async () => {
    // What a GET takes on this machine right now with nothing else running in the host.
    const idle: number[] = [];
    for (let i = 0; i < 7; i++) idle.push(await ping(running.server));
    let settled = false;
    const sweepStarted = performance.now();
    const sweep = running.call('analysis.sweep', HEAVY_SWEEP).finally(() => (settled = true));
    const pings: number[] = [];
    for (let i = 0; i < 7; i++) pings.push(await ping(running.server));
    // Every ping was answered while the sweep was still running.
    expect(settled).toBe(false);
    const outcome = await sweep;
    const sweepMs = performance.now() - sweepStarted;
    expect(outcome.ok).toBe(true);
    // What the worker found is what the boundary explorer finds inline.
    const scenario = (await new FileLoader(examplesDir).loadScenarios(SCENARIOS))[HEAVY_SWEEP.index];
    if (scenario === undefined) throw new Error(`${SCENARIOS} has no scenario ${HEAVY_SWEEP.index}`);
    expect(outcome.value).toEqual(sweepLatency(scenario, HEAVY_SWEEP));
    // A busy machine can stall any one request; the median of seven shows the loop was free
    // (inline, each would have waited for the whole sweep: seconds). Within 100 ms, or on a
    // loaded machine (where a GET alone takes longer) within three times an idle GET's median.
    expect(median(pings)).toBeLessThan(Math.max(100, 3 * median(idle)));
    expect(Math.max(...pings)).toBeLessThan(sweepMs);
  }, 120_000);
});

describe('a job over its wall-time limit', () => {
  const LIMIT_MS = 1_000;
  let running: Running;
  beforeAll(async () => {
    running = await start({ size: 1, timeLimitMs: { sweep: LIMIT_MS } }, 'limits');
    // The worker started (the limit counts from the start of the job, but the call's time below includes any start-up).
    expect((await running.call('runs.start', { file: SCENARIOS, index: 0 })).ok).toBe(true);
  }, 60_000);

  it('is ended and reported, and the next job works', async () => {
    const sent = performance.now();
    const over = await running.call('analysis.sweep', HEAVY_SWEEP);
    const tookMs = performance.now() - sent;
    expect(over).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(over.error?.message).toBe(`the latency sweep: job took longer than ${LIMIT_MS} ms; it was ended (the worker running it was stopped)`);
    // Ended at its limit, not waited out: the whole sweep needs several times the limit (the
    // test above: seconds), and the call came back soon after the limit passed.
    expect(tookMs).toBeGreaterThanOrEqual(LIMIT_MS);
    expect(tookMs).toBeLessThan(LIMIT_MS + 5_000);
    // The only worker was ended; a fresh one does the next jobs: a small sweep (three grid
    // points and their bisection, well under the limit) and a run.
    const small = await running.call('analysis.sweep', { ...HEAVY_SWEEP, from: 4_000, to: 6_000, step: 1_000 });
    expect(small.ok).toBe(true);
    const run = await running.call('runs.start', { file: SCENARIOS, index: 0 });
    expect(run).toMatchObject({ ok: true, value: { result: { status: 'passed' } } });
  }, 60_000);
});

describe('jobs sent together', () => {
  it('all complete, each with the result it has alone', async () => {
    const running = await start({ size: 2 }, 'together');
    const scenarios = await new FileLoader(examplesDir).loadScenarios(SCENARIOS);
    const runs = scenarios.map((_, index) => running.call('runs.start', { file: SCENARIOS, index }));
    const sweeps = [1, 2].map((index) => running.call('analysis.sweep', { file: SCENARIOS, index, endpoint: 'order_status', from: 0, to: 8_000, step: 500 }));
    const coverage = running.call('analysis.coverage', { files: [SCENARIOS] });
    const [runResults, sweepResults, coverageResult] = await Promise.all([Promise.all(runs), Promise.all(sweeps), coverage]);

    expect(runResults).toHaveLength(scenarios.length);
    for (const [index, outcome] of runResults.entries()) {
      expect(outcome.ok, JSON.stringify(outcome.error)).toBe(true);
      const { wallMs: _pooled, ...pooled } = (outcome.value as { result: ScenarioResult }).result;
      const { wallMs: _inline, ...inline } = await runScenarioOnClock(scenarios[index] as LoadedScenario, { clock: 'virtual' });
      expect(pooled).toEqual(inline);
    }
    for (const [i, outcome] of sweepResults.entries()) {
      expect(outcome.ok, JSON.stringify(outcome.error)).toBe(true);
      expect(outcome.value).toEqual(sweepLatency(scenarios[i + 1] as LoadedScenario, { endpoint: 'order_status', from: 0, to: 8_000, step: 500 }));
    }
    expect(coverageResult.ok, JSON.stringify(coverageResult.error)).toBe(true);
    expect(coverageResult.value).toEqual({ flows: portCoverage(scenarios.map((scenario) => ({ scenario, result: runScenario(scenario) }))) });
  }, 120_000);
});

describe('flows loaded and checked in a worker', () => {
  it('opens a flow file, reports an invalid one and a missing one, and checks a flow value, as inline', async () => {
    const running = await start({ size: 1 }, 'flows');
    const opened = await running.call('flows.open', { file: 'flows/order-status.flow.yaml' });
    const inline = await new FileLoader(examplesDir).loadFlow('flows/order-status.flow.yaml');
    expect(opened).toEqual({ ok: true, value: { file: 'flows/order-status.flow.yaml', flow: inline, issues: [], lints: lintFlow(inline) } });

    // A copy with its start module misspelt: invalid, with the issue located in the file.
    const broken = join(dir, 'broken.flow.yaml');
    writeFileSync(broken, readFileSync(join(examplesDir, 'flows/order-status.flow.yaml'), 'utf8').replace('start: greet', 'start: gret'));
    await running.call('app.openFolder', { path: dir });
    const invalid = await running.call('flows.open', { file: broken });
    const expected = await new FileLoader(examplesDir).loadFlow(broken).then(
      () => null,
      (error: unknown) => (error instanceof FormatError ? error.toApiIssues() : null),
    );
    expect(expected).not.toBeNull();
    expect(invalid).toEqual({ ok: true, value: { file: broken, flow: null, issues: expected, lints: [] } });

    const missing = await running.call('flows.open', { file: 'flows/no-such.flow.yaml' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });

    const checked = await running.call('flows.check', { flow: { ...inline, start: 'gret' } });
    expect(checked.ok).toBe(true);
    expect((checked.value as { flow: unknown; issues: { path: string }[] }).flow).toBeNull();
    expect((checked.value as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain('start');
  }, 60_000);
});
