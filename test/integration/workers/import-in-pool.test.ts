import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserServer } from '../../../main/host/browser-server';
import type { BrowserServer } from '../../../main/host/browser-server';
import { createHost } from '../../../main/host/host';
import type { Host } from '../../../main/host/host';
import { importLibrary, planImport } from '../../../main/store/library-import';
import { Store } from '../../../main/store/store';
import { examplesDir, repoRoot } from '../../support/paths';
import { measureStall, timedGet } from '../../support/server-stall';

/*
 * Issue 18: a library import reads and checks its files in the host's worker pool (a large
 * folder takes seconds), and the host only writes the result, in one transaction: the same
 * library as an import in one thread, while the server keeps answering.
 */

const dir = mkdtempSync(join(tmpdir(), 'flowbench-pool-import-'));
const project = join(dir, 'project');
/** Scenario files × scenarios each: about a second of reading and checking in one thread on a quiet machine. */
const FILES = 10;
const PER_FILE = 300;
/** Long scenarios: reading and checking them (the worker's part) outweighs writing their rows (the host's). */
const USER_STEPS = Array.from({ length: 40 }, (_, i) => `      - say: "It's 12345, my order number, step ${i}"\n        afterMs: ${400 + i}\n`).join('');
let host: Host;
let server: BrowserServer;

async function call(route: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const response = await fetch(new URL(`/api/call/${route}`, server.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

beforeAll(async () => {
  mkdirSync(join(project, 'scenarios'), { recursive: true });
  for (let f = 0; f < FILES; f++) {
    const entries = Array.from(
      { length: PER_FILE },
      (_, i) => `  - name: scenario ${f}-${i}\n    overrides: { order_status: { latency: { fixed: ${100 + i} } } }\n    user:\n${USER_STEPS}    expect: [ { ends: end } ]\n`,
    );
    writeFileSync(
      join(project, 'scenarios', `s${f}.scenario.yaml`),
      `format: flowbench.scenario/1\nflow: ${join(examplesDir, 'flows/order-status.flow.yaml')}\nmocks: ${join(examplesDir, 'mocks/shop.mocks.yaml')}\nscenarios:\n${entries.join('')}`,
    );
  }
  host = createHost({ mode: 'browser', appRoot: repoRoot, name: 'flowbench', version: '0', dataDir: join(dir, 'data'), examplesDir, dbFile: join(dir, 'host.sqlite'), workers: { size: 1 } });
  server = await startBrowserServer({ host, port: 0 });
  expect(await call('app.openFolder', { path: project })).toMatchObject({ ok: true });
  // The worker started and loaded its sandbox: what follows times the import, not start-up.
  expect(await call('runs.start', { file: 'scenarios/order-status.scenario.yaml', index: 0 })).toMatchObject({ ok: true });
  await timedGet(server.origin);
}, 60_000);

afterAll(async () => {
  await server.close();
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a library import through the host', () => {
  it('reads and checks in a worker: the server answers meanwhile, and the library is the one an import in one thread makes', async () => {
    const { outcome, longestMs, gets } = await measureStall(server.origin, () => call('library.import', { paths: [project] }));
    expect(outcome.ok, JSON.stringify(outcome.error)).toBe(true);
    expect(gets).toBeGreaterThanOrEqual(3);

    // What reading and checking the files takes in one thread, as the host took it before (the
    // second time: code compiled as in a host that has run for a while), measured after the
    // import so that its garbage is not collected while the GETs above are timed. No root is
    // given: the example flow and mocks live elsewhere and come along, under the folder common to all.
    let inlineMs = 0;
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      const plan = await planImport([project]);
      inlineMs = performance.now() - started;
      expect(plan.scenarioFiles.reduce((n, f) => n + f.scenarios.length, 0)).toBe(FILES * PER_FILE);
    }
    // In the host's thread one GET would wait for all of the reading and checking (inlineMs) and
    // the writing; from the worker (which writes too, through its own connection), for none of it:
    // a third of inlineMs leaves a loaded machine room to stall a GET.
    expect(longestMs, `longest GET ${longestMs.toFixed(0)} ms, reading and checking in one thread ${inlineMs.toFixed(0)} ms`).toBeLessThan(inlineMs / 3);

    // The same import in this thread into another database: the same summary.
    const store = Store.open(join(dir, 'inline.sqlite'));
    try {
      const inline = await importLibrary(store, [project]);
      expect(outcome.value).toEqual(inline);
      expect(inline.scenarios.created).toBe(FILES * PER_FILE);
      expect(inline.flows.created).toBe(1);
      expect(inline.mockSets.created).toBe(1);
    } finally {
      store.close();
    }
    const listed = await call('scenarios.list', { limit: 10_000 });
    expect((listed.value as { total: number }).total).toBe(FILES * PER_FILE);
  }, 120_000);

  it('refuses, from the worker, a file a scenario points at outside the allowed folders', async () => {
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'other.flow.yaml'), 'password: hunter2\n');
    const folder = join(project, 'pointing-out');
    mkdirSync(folder);
    writeFileSync(join(folder, 'out.scenario.yaml'), 'format: flowbench.scenario/1\nflow: ../../outside/other.flow.yaml\nscenarios: [ { name: a } ]\n');
    const outcome = await call('library.import', { paths: [folder] });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(outcome.error?.message).toContain('nothing was imported');
    expect(outcome.error?.message).toContain('refused: outside the folders flowbench may use in this session');
    expect(JSON.stringify(outcome)).not.toContain('hunter2');
  }, 60_000);
});
