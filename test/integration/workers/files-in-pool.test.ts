import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileLoader } from '../../../main/formats/file-loader';
import { startBrowserServer } from '../../../main/host/browser-server';
import type { BrowserServer } from '../../../main/host/browser-server';
import { ExampleFiles } from '../../../main/host/example-files';
import { FileAccess } from '../../../main/host/file-access';
import { createHost } from '../../../main/host/host';
import type { Host } from '../../../main/host/host';
import { HostError } from '../../../main/host/host-error';
import { JobPool } from '../../../main/workers/job-pool';
import { examplesDir, repoRoot } from '../../support/paths';
import { measureStall, timedGet } from '../../support/server-stall';

/*
 * Issue 18: scenario and mocks files are read, parsed and checked in the host's worker pool,
 * as flow files are, so a large one does not hold the server's event loop; the worker checks
 * every file it reads (also the flow and mocks a scenario points at) against the folders the
 * session may use, as the host does.
 */

const dir = mkdtempSync(join(tmpdir(), 'flowbench-pool-files-'));
const pool = new JobPool({ size: 1 });
let files: ExampleFiles;
let access: FileAccess;

beforeAll(() => {
  access = new FileAccess({ dataDir: join(dir, 'data'), examplesDir });
  files = new ExampleFiles(examplesDir, access, pool);
});

afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

const exampleFiles = (folder: string): string[] => readdirSync(join(examplesDir, folder)).map((name) => `${folder}/${name}`);

describe('loaded in a worker, as inline', () => {
  it('gives every example scenario file and mock set as the loader does in this thread', async () => {
    const inline = new FileLoader(examplesDir);
    const scenarioFiles = exampleFiles('scenarios');
    expect(scenarioFiles.length).toBeGreaterThanOrEqual(5);
    for (const file of scenarioFiles) expect(await files.scenarios(file), file).toEqual(await inline.loadScenarios(join(examplesDir, file)));
    for (const file of exampleFiles('mocks')) expect(await files.mocks(file), file).toEqual(await inline.loadMocks(join(examplesDir, file)));
  }, 60_000);

  it('keeps one flow and one mock set for the scenarios that share them', async () => {
    const scenarios = await files.scenarios('scenarios/order-status.scenario.yaml');
    expect(scenarios.length).toBeGreaterThan(2);
    const [first, ...rest] = scenarios;
    for (const scenario of rest) {
      expect(scenario.flow).toBe(first?.flow);
      expect(scenario.mocks).toBe(first?.mocks);
    }
  });

  it('reports an invalid scenario file with its located issues, and a missing one as not found', async () => {
    const folder = join(dir, 'invalid');
    mkdirSync(folder);
    const file = join(folder, 'typo.scenario.yaml');
    writeFileSync(file, `format: flowbench.scenario/1\nflow: ${join(examplesDir, 'flows/order-status.flow.yaml')}\nscenarios:\n  - name: a\n    expect: [ { ends: nowhere_port } ]\n    user: [ { sya: hi } ]\n`);
    await access.openFolder(folder);
    const error = await files.scenarios(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ code: 'invalid_input' });
    // The misspelt user step (line 6) and the unknown end state (line 5), each at its place in the file.
    expect((error as HostError).issues.map((i) => i.path)).toEqual([`${file}:6 scenarios[0].user[0]`, `${file}:5 scenarios[0].expect[0].ends`]);
    await expect(files.mocks('mocks/no-such.mocks.yaml')).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the folders a worker may read', () => {
  it('refuses a flow a scenario points at outside them, and never shows a non-flowbench file', async () => {
    const inside = join(dir, 'project');
    const outside = join(dir, 'elsewhere');
    mkdirSync(inside);
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.flow.yaml'), 'password: hunter2\n');
    writeFileSync(join(inside, 'notes.yaml'), 'token: swordfish\n');
    writeFileSync(join(inside, 'out.scenario.yaml'), 'format: flowbench.scenario/1\nflow: ../elsewhere/secret.flow.yaml\nscenarios: [ { name: a } ]\n');
    writeFileSync(join(inside, 'notes.scenario.yaml'), 'format: flowbench.scenario/1\nflow: notes.yaml\nscenarios: [ { name: a } ]\n');
    await access.openFolder(inside);

    const refused = await files.scenarios(join(inside, 'out.scenario.yaml')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HostError);
    expect((refused as HostError).message).toContain('refused: outside the folders flowbench may use in this session');
    expect((refused as HostError).message).not.toContain('hunter2');

    const notFlowbench = await files.scenarios(join(inside, 'notes.scenario.yaml')).catch((e: unknown) => e);
    expect(notFlowbench).toBeInstanceOf(HostError);
    expect(JSON.stringify(notFlowbench)).not.toContain('swordfish');
    expect((notFlowbench as HostError).message).not.toContain('swordfish');
  });
});

describe('a large scenario file', () => {
  let host: Host;
  let server: BrowserServer;
  const big = join(dir, 'big');
  /** Scenarios in the file: ~1 s of parsing and checking in one thread on a quiet machine. */
  const COUNT = 3_000;

  beforeAll(async () => {
    mkdirSync(big);
    const entries = Array.from(
      { length: COUNT },
      (_, i) => `  - name: scenario ${i}\n    overrides: { order_status: { latency: { fixed: ${100 + (i % 500)} } } }\n    user: [ { say: "It's 12345", afterMs: 400 } ]\n    expect: [ { ends: end }, { context: { order_state: shipped } } ]\n`,
    );
    writeFileSync(
      join(big, 'big.scenario.yaml'),
      `format: flowbench.scenario/1\nflow: ${join(examplesDir, 'flows/order-status.flow.yaml')}\nmocks: ${join(examplesDir, 'mocks/shop.mocks.yaml')}\nscenarios:\n${entries.join('')}`,
    );
    host = createHost({ mode: 'browser', appRoot: repoRoot, name: 'flowbench', version: '0', dataDir: join(dir, 'host-data'), examplesDir, dbFile: join(dir, 'big.sqlite'), workers: { size: 1 } });
    server = await startBrowserServer({ host, port: 0 });
    expect(await call('app.openFolder', { path: big })).toMatchObject({ ok: true });
    // The worker started and loaded its sandbox: what follows times the file, not start-up.
    expect(await call('runs.start', { file: 'scenarios/order-status.scenario.yaml', index: 0 })).toMatchObject({ ok: true });
    await timedGet(server.origin);
  }, 60_000);

  afterAll(async () => {
    await server.close();
    await host.close();
  });

  async function call(route: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
    const response = await fetch(new URL(`/api/call/${route}`, server.origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify(input),
    });
    return (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
  }

  it('is read in a worker: the server answers meanwhile', async () => {
    const { outcome, longestMs, gets } = await measureStall(server.origin, () =>
      call('runs.start', { file: join(big, 'big.scenario.yaml'), index: COUNT - 1 }),
    );
    expect(outcome).toMatchObject({ ok: true, value: { result: { name: `scenario ${COUNT - 1}`, status: 'passed' } } });
    expect(gets).toBeGreaterThanOrEqual(3);

    // What the file takes in one thread (read, parsed, checked), as the host took it before:
    // the second time, when the code is compiled as it is in a host that has run for a while.
    // Measured after the run, so its garbage is not collected while the GETs above are timed.
    let inlineMs = 0;
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      expect(await new FileLoader(big).loadScenarios('big.scenario.yaml')).toHaveLength(COUNT);
      inlineMs = performance.now() - started;
    }
    // Read in the host's thread, one GET would wait for the whole file (inlineMs, about a second
    // on a quiet machine); from the worker, none waits for half of it.
    expect(longestMs, `longest GET ${longestMs.toFixed(0)} ms, the file in one thread ${inlineMs.toFixed(0)} ms`).toBeLessThan(inlineMs / 2);
  }, 60_000);

  it('names how many scenarios the file has when the index is past them (the worker sent back one, or none)', async () => {
    const outcome = await call('runs.start', { file: join(big, 'big.scenario.yaml'), index: COUNT });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining(`has ${COUNT} scenario(s); there is no index ${COUNT}`) } });
  }, 60_000);
});
