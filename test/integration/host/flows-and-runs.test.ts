import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutputOf } from '../../../main/api/contract';
import { createHost } from '../../../main/host/host';
import type { Host } from '../../../main/host/host';
import { examplesDir, repoRoot } from '../../support/paths';

let dir: string;
let host: Host;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowbench-host-'));
  cpSync(examplesDir, join(dir, 'examples'), { recursive: true });
  host = createHost({ mode: 'cli', appRoot: repoRoot, name: 'flowbench', version: '0', dataDir: dir, examplesDir: join(dir, 'examples'), dbFile: join(dir, 'db.sqlite') });
});
afterEach(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<N extends Parameters<Host['dispatch']>[0]>(name: N, input: unknown): Promise<unknown> {
  const result = await host.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

describe('flows.open and flows.savePositions', () => {
  it('opens a flow with its lint warnings', async () => {
    const view = (await call('flows.open', { file: 'flows/order-status-blocking.flow.yaml' })) as OutputOf<'flows.open'>;
    expect(view.flow?.name).toBe('Order status (voice, blocking; the lint warns about it)');
    expect(view.lints.map((l) => `${l.rule} ${l.module}`)).toEqual(['blocking-in-voice lookup']);
  });

  it('returns the validation issues of a broken flow, with their paths', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'examples', 'flows', 'broken.flow.yaml'), 'format: flowbench.flow/1\nname: b\nstart: a\nmodules:\n  - { id: a, type: say, text: hi, ports: { next: nowhere } }\n');
    const view = (await call('flows.open', { file: 'flows/broken.flow.yaml' })) as OutputOf<'flows.open'>;
    expect(view.flow).toBeNull();
    expect(view.issues).toEqual([{ path: 'flows/broken.flow.yaml:5 modules[0].ports.next', message: "unknown module 'nowhere' (modules: a)" }]);
  });

  it('examples.list validates each file fully: a broken flow comes with its located issues', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'examples', 'flows', 'broken.flow.yaml'), 'format: flowbench.flow/1\nname: b\nstart: a\nmodules:\n  - { id: a, type: say, text: hi, ports: { next: nowhere } }\n');
    const list = (await call('examples.list', { kind: 'flow' })) as OutputOf<'examples.list'>;
    expect(list.files.find((f) => f.path === 'flows/broken.flow.yaml')?.issues).toEqual([
      { path: 'flows/broken.flow.yaml:5 modules[0].ports.next', message: "unknown module 'nowhere' (modules: a)" },
    ]);
    expect(list.files.filter((f) => f.issues.length === 0).map((f) => f.path)).toHaveLength(4);
  });

  it('saves dragged positions into the file, keeping comments', async () => {
    const file = join(dir, 'examples', 'flows', 'order-status.flow.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, `# my comment\n${readFileSync(file, 'utf8')}`);
    expect(await call('flows.savePositions', { file: 'flows/order-status.flow.yaml', positions: { greet: { x: 10.4, y: 20 }, bye: { x: 300, y: 400 } } })).toEqual({ saved: 2 });
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('# my comment\n')).toBe(true);
    const view = (await call('flows.open', { file: 'flows/order-status.flow.yaml' })) as OutputOf<'flows.open'>;
    expect(view.flow?.modules.find((m) => m.id === 'greet')?.position).toEqual({ x: 10, y: 20 });
    expect(view.issues).toEqual([]);
    const bad = await host.dispatch('flows.savePositions', { file: 'flows/order-status.flow.yaml', positions: { ghost: { x: 1, y: 1 } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('runs.start', () => {
  it('runs the slow-API example and returns its trace', async () => {
    const out = (await call('runs.start', { file: 'scenarios/order-status.scenario.yaml', index: 1 })) as OutputOf<'runs.start'>;
    expect(out.result.status).toBe('passed');
    expect(out.result.path).toContain('check.waiting');
    expect(out.appliedPatches).toEqual({});
  });

  it('applies the Mocks view patches on top of the scenario when the server serves its mock set', async () => {
    await call('mocks.start', { file: 'mocks/shop.mocks.yaml' });
    await call('mocks.patchRoute', { routeId: 'order_status', override: { latency: { fixed: 6000 } } });
    const out = (await call('runs.start', { file: 'scenarios/order-status.scenario.yaml', index: 1 })) as OutputOf<'runs.start'>;
    expect(out.appliedPatches).toEqual({ order_status: { latency: { fixed: 6000 } } });
    expect(out.result.endState).toBe('handover');
    const plain = (await call('runs.start', { file: 'scenarios/order-status.scenario.yaml', index: 1, useMockPatches: false })) as OutputOf<'runs.start'>;
    expect(plain.result.endState).toBe('end');
  });

  it('says which scenario index does not exist', async () => {
    const result = await host.dispatch('runs.start', { file: 'scenarios/order-status.scenario.yaml', index: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('no index 42') } });
  });
});

describe('what the editors need', () => {
  it('flows.check validates and lints a flow value', async () => {
    const ok = (await call('flows.check', { flow: { format: 'flowbench.flow/1', name: 'x', channel: 'voice', start: 'a', endpoints: [{ id: 'e', url: '/e' }], modules: [{ id: 'a', type: 'api', endpoint: 'e', ports: { success: 'b', failure: 'b' } }, { id: 'b', type: 'end' }] } })) as OutputOf<'flows.check'>;
    expect(ok.issues).toEqual([]);
    expect(ok.lints.map((l) => l.rule)).toEqual(['blocking-in-voice']);
    const bad = (await call('flows.check', { flow: { format: 'flowbench.flow/1', name: 'x', start: 'a', modules: [{ id: 'a', type: 'say', text: 'hi', ports: { next: 'zz' } }] } })) as OutputOf<'flows.check'>;
    expect(bad.flow).toBeNull();
    expect(bad.issues).toEqual([{ path: 'modules[0].ports.next', message: "unknown module 'zz' (modules: a)" }]);
  });

  it('scenarios.validate checks a library scenario and saves nothing', async () => {
    await call('library.import', { paths: [join(dir, 'examples')] });
    const before = (await call('scenarios.list', {})) as { total: number };
    const good = (await call('scenarios.validate', { scenario: { name: 'n', flow: 'flows/order-status.flow.yaml', user: [{ say: '1' }], expect: [{ ends: 'end' }] } })) as OutputOf<'scenarios.validate'>;
    expect(good.issues).toEqual([]);
    const bad = (await call('scenarios.validate', { scenario: { name: 'n', flow: 'flows/order-status.flow.yaml', expect: [{ port: { module: 'chek', is: 'success' } }] } })) as OutputOf<'scenarios.validate'>;
    expect(bad.issues).toEqual([expect.objectContaining({ path: expect.stringContaining('expect[0].port.module'), message: expect.stringContaining("unknown module 'chek'") })]);
    expect(((await call('scenarios.list', {})) as { total: number }).total).toBe(before.total);
  });

  it('scenarios.run reports progress as events; runs.start takes the caller’s run id', async () => {
    await call('library.import', { paths: [join(dir, 'examples')] });
    const seen: unknown[] = [];
    const stop = host.events.subscribe((e) => {
      if (e.name === 'scenarios.progress') seen.push(e.payload);
    });
    const out = (await call('scenarios.run', { tag: undefined, progressId: 'p1' })) as OutputOf<'scenarios.run'>;
    stop();
    expect(seen).toHaveLength(out.results.length);
    expect(seen.at(-1)).toMatchObject({ progressId: 'p1', done: out.results.length, total: out.results.length });
    const run = (await call('runs.start', { file: 'scenarios/order-status.scenario.yaml', runId: 'mine' })) as OutputOf<'runs.start'>;
    expect(run.runId).toBe('mine');
    expect(run.flowFile).toBe(join(dir, 'examples', 'flows', 'order-status.flow.yaml'));
  });
});

describe('runs.start with a fixed endpoint latency (a sweep band)', () => {
  it('runs the scenario with that latency on the virtual clock, and refuses it on the real clock', async () => {
    const out = (await call('runs.start', { file: 'scenarios/order-status.scenario.yaml', index: 1, endpointLatency: { order_status: 4900 } })) as OutputOf<'runs.start'>;
    expect(out.result.trace.find((e) => e.type === 'response')?.t).toBe(3200 + 4900);
    expect(out.result.path).toContain('check.waiting');
    const real = await host.dispatch('runs.start', { file: 'scenarios/order-status.scenario.yaml', clock: 'real', endpointLatency: { order_status: 1 } });
    expect(real).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'endpointLatency' }] } });
  });
});

describe('stopping a library run', () => {
  it('scenarios.cancelRun stops it after the current scenario and the run records what ran', async () => {
    await call('library.import', { paths: [join(dir, 'examples')] });
    let asked = false;
    const stop = host.events.subscribe((e) => {
      if (e.name === 'scenarios.progress' && !asked) {
        asked = true;
        void host.dispatch('scenarios.cancelRun', { progressId: 'stop-me' });
      }
    });
    const out = (await call('scenarios.run', { progressId: 'stop-me' })) as OutputOf<'scenarios.run'>;
    stop();
    expect(out.cancelled).toBe(true);
    expect(out.results.length).toBeGreaterThanOrEqual(1);
    expect(out.results.length).toBeLessThan(12);
    expect(out.run.passed + out.run.failed + out.run.errors).toBe(out.results.length);
    expect(await call('scenarios.cancelRun', { progressId: 'stop-me' })).toEqual({ cancelled: false });
  });
});

describe('analysis.coverage', () => {
  it('lists the scenarios that ran each flow', async () => {
    const out = (await call('analysis.coverage', { files: ['scenarios/order-status.scenario.yaml', 'scenarios/refund-chat.scenario.yaml'] })) as OutputOf<'analysis.coverage'>;
    const voice = out.flows.find((f) => f.flow === 'Order status (voice, async + await)');
    expect(voice?.runs.map((r) => `${r.file}#${r.index}`)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `scenarios/order-status.scenario.yaml#${i}`));
    expect(voice?.runs[1]?.name).toBe('slow API — waiting once, then success');
  });
});

describe('analysis over the library', () => {
  it('sweeps a library scenario and covers the whole library', async () => {
    await call('library.import', { paths: [join(dir, 'examples')] });
    const list = (await call('scenarios.list', { text: 'slow API' })) as { items: { id: number; name: string }[] };
    const slow = list.items.find((s) => s.name.startsWith('slow API'));
    const sweep = (await call('analysis.sweep', { scenarioId: slow?.id, endpoint: 'order_status', to: 8000 })) as OutputOf<'analysis.sweep'>;
    expect(sweep.bands.map((b) => [b.from, b.to])).toEqual([[0, 4500], [4501, 5000], [5001, 8000]]);
    const coverage = (await call('analysis.coverage', { library: true })) as OutputOf<'analysis.coverage'>;
    expect(coverage.flows.reduce((n, f) => n + f.scenarios, 0)).toBe(14);
    expect(coverage.flows.flatMap((f) => f.runs).every((r) => typeof r.scenarioId === 'number')).toBe(true);
    const both = await host.dispatch('analysis.sweep', { file: 'scenarios/order-status.scenario.yaml', scenarioId: 1, endpoint: 'order_status', to: 10 });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
