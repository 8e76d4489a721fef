import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { OutputOf, RouteName } from '../../../main/api/contract';
import { ResultsFile } from '../../../main/api/formats/results';
import { createHost } from '../../../main/host/host';
import type { Host } from '../../../main/host/host';
import { cli } from '../../support/cli-harness';
import { expectSchemaModeline } from '../../support/modeline';
import { examplesDir, repoRoot } from '../../support/paths';

/**
 * The support story through the CLI: a session recorded live against the real mock server
 * (order_status patched to 5200 ms, past its 5000 ms timeout: the bot hands over), handed
 * over as a repro bundle, then `flowbench replay` (as recorded, and against the fix at
 * 300 ms), `--scenario`, and `flowbench run` on both clocks.
 * The figures (SPEC §3, example voice flow): lookup sends at T; check waits until T+4500
 * (module timeout) → waiting, then until D = T+5000 → failure → handover. At 300 ms the
 * answer is there when check first looks (T+1500) → success → tell → end.
 * On the real clock the close call is check's module timeout (T+4500), counted from when
 * check was entered (a late timer before it delays it), against the deadline (T+5000): 500
 * conversation ms apart. (The answer, T+5200, cannot overtake the deadline: its timer is due
 * later and it still has a socket to cross.) Recording and real runs go at time scale 1, so that is 500 ms of
 * wall time — twice the 237 ms a loaded machine (`stress --cpu 4`, load 15) made timers late;
 * at 0.25 it was 125 ms and the recording sometimes skipped "waiting".
 */
const SCALE = 1;
let dir: string;
let host: Host;
let bundleFile: string;

async function call<N extends RouteName>(name: N, input: unknown): Promise<OutputOf<N>> {
  const result = await host.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as OutputOf<N>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowbench-support-cli-'));
  cpSync(examplesDir, join(dir, 'examples'), { recursive: true });
  host = createHost({ mode: 'cli', appRoot: repoRoot, name: 'flowbench', version: '1.0.0-test', dataDir: dir, examplesDir: join(dir, 'examples'), dbFile: join(dir, 'db.sqlite') });
  await call('mocks.start', { file: 'mocks/shop.mocks.yaml' });
  await call('mocks.patchRoute', { routeId: 'order_status', override: { latency: { fixed: 5200 } } });
  const started = await call('sessions.start', { flowFile: 'flows/order-status.flow.yaml', timeScale: SCALE });
  await call('sessions.say', { id: started.id, text: "It's 12345" });
  const stopped = await call('sessions.stop', { id: started.id });
  expect(stopped.endState).toBe('handover');
  bundleFile = join(dir, 'repro.flowbench.json');
  writeFileSync(bundleFile, JSON.stringify(await call('sessions.bundle', { id: started.id })));
}, 120_000); // a 13 s session at time scale 1, and a host starting on a loaded machine

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('support story through the CLI', () => {
  it('the bundle holds the timeout as a timeout, with the latency the server had', () => {
    const bundle = JSON.parse(readFileSync(bundleFile, 'utf8')) as { session: { exchanges: { outcome: { error?: string }; serverLatencyMs?: number; gaveUp?: boolean }[] } };
    expect(bundle.session.exchanges).toMatchObject([{ outcome: { error: 'timeout' }, serverLatencyMs: 5200, gaveUp: true }]);
  });

  it('`flowbench replay` of the bundle follows the recording', async () => {
    const run = await cli(['replay', bundleFile], dir);
    expect(run.stdout).toContain('recorded: handover');
    expect(run.stdout).toContain('no divergence');
    expect(run.code).toBe(0);
  });

  it('`flowbench replay --latency order_status=300` (the fix) diverges at check: success instead of waiting', async () => {
    const run = await cli(['replay', bundleFile, '--latency', 'order_status=300'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('replayed: end');
    expect(run.stdout).toMatch(/diverges at module check — step 6: recorded check → waiting → tries .* replayed check → success → tell/);
    expect(run.stdout).toContain('the recording got no answer (timed out at 5000 ms); at 300 ms it is answered from the mock set of');
    const bad = await cli(['replay', bundleFile, '--latency', 'orders=300'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--latency names no endpoint of \"Order status (voice, async + await)\": orders (endpoints: order_status)");
  });

  it('`flowbench replay --scenario` writes a scenario that passes on the virtual clock and ends in handover', async () => {
    const written = await cli(['replay', bundleFile, '--scenario', 'repro.scenario.yaml'], dir);
    expect(written.code).toBe(0);
    const text = readFileSync(join(dir, 'repro.scenario.yaml'), 'utf8');
    expectSchemaModeline(text, join(dir, 'repro.scenario.yaml'), 'scenario');
    const scenario = parse(text) as { overrides: unknown; expect: unknown[] };
    expect(scenario.overrides).toEqual({ order_status: { latency: { sequence: [5200] } } });
    expect(scenario.expect).toContainEqual({ ends: 'handover' });
    const run = await cli(['run', 'repro.scenario.yaml'], dir);
    expect(run.stdout).toContain('1 passed');
    expect(run.code).toBe(0);
  });

  it('`flowbench run --clock real --time-scale 1` passes too, and states its timing tolerance and drift', async () => {
    const run = await cli(['run', 'repro.scenario.yaml', '--clock', 'real', '--time-scale', String(SCALE), '--reporter', 'pretty', '--reporter', 'json:out/results.json'], dir);
    expect(run.stdout).toContain('1 passed');
    // 100 ms of wall time at time scale 1 = 100 conversation ms.
    expect(run.stdout).toMatch(/Real clock: timing checks judged with a tolerance of ±100 ms \(--timing-tolerance\); timers fired up to \d+ ms late/);
    expect(run.code).toBe(0);
    const results = ResultsFile.parse(JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')));
    expect(results.scenarios[0]).toMatchObject({ status: 'passed', endState: 'handover', clock: 'real', realClock: { timeScale: SCALE, timingToleranceMs: 100, target: { kind: 'own-mock-server' } } });
  });

  it('…and against the running mock server (--base-url), whose journal holds its request under its own session', async () => {
    const { url } = await call('mocks.status', {});
    const run = await cli(['run', 'repro.scenario.yaml', '--clock', 'real', '--time-scale', String(SCALE), '--base-url', String(url), '--timing-tolerance', '250', '--reporter', 'json:out/shared.json'], dir);
    expect(run.code).toBe(0);
    const [result] = ResultsFile.parse(JSON.parse(readFileSync(join(dir, 'out', 'shared.json'), 'utf8'))).scenarios;
    expect(result?.realClock).toMatchObject({ timingToleranceMs: 250, target: { kind: 'base-url', url } });
    const session = result?.realClock?.target.session ?? '';
    await expect.poll(async () => (await call('mocks.journal', { session })).entries.length).toBe(1);
    expect((await call('mocks.journal', { session })).entries).toMatchObject([{ routeId: 'order_status', module: 'lookup', n: 1, clientGaveUp: true }]);
  });
});
