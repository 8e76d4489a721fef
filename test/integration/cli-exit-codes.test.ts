import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, tempTree } from '../support/cli-harness';
import { exampleCounts } from '../support/example-counts';
import { examplesDir } from '../support/paths';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** The examples in a temp folder, with one scenario whose expectation is wrong when `failing`. */
function suite(failing: boolean): string {
  const { dir, cleanup } = tempTree({});
  cleanups.push(cleanup);
  cpSync(examplesDir, join(dir, 'suite'), { recursive: true });
  if (failing) {
    const file = join(dir, 'suite', 'scenarios', 'refund-chat.scenario.yaml');
    // "refund created" ends at `end` (SPEC §3: the API answers 201 within its timeout), never at `handover`.
    writeFileSync(file, readFileSync(file, 'utf8').replace('user: [ { say: "yes please" } ]\n    expect:\n      - ends: end', 'user: [ { say: "yes please" } ]\n    expect:\n      - ends: handover'));
  }
  return dir;
}

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/**
 * The exit-code table of the README: 0 passed, 1 failed, 2 invalid input, 3 environment or
 * store error. Environment errors are found before anything runs.
 */
describe('flowbench exit codes', () => {
  it('0: every scenario passed', async () => {
    const run = await cli(['run', 'suite'], suite(false));
    expect(run.code).toBe(0);
    const { scenarios } = await exampleCounts();
    expect(run.stdout).toContain(`${scenarios} passed, 0 failed, 0 errors`);
  });

  it('1: a scenario failed', async () => {
    const run = await cli(['run', 'suite'], suite(true));
    expect(run.code).toBe(1);
    const { scenarios } = await exampleCounts();
    expect(run.stdout).toContain(`${scenarios - 1} passed, 1 failed, 0 errors`);
  });

  it('2: an invalid file, named with line and path; an unknown option', async () => {
    const dir = suite(false);
    writeFileSync(join(dir, 'suite', 'scenarios', 'bad.scenario.yaml'), 'format: flowbench.scenario/1\nflow: ../flows/refund-chat.flow.yaml\nscenarios:\n  - name: x\n    clock: sometimes\n');
    const run = await cli(['run', 'suite'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.scenario\.yaml:5:\d+ scenarios\[0\]\.clock: /);
    expect((await cli(['run', 'suite', '--frobnicate'], dir)).code).toBe(2);
  });

  it('3: a report that cannot be written stops the run before it starts, naming the path', async () => {
    const dir = suite(false);
    writeFileSync(join(dir, 'out'), 'a file where the report folder should be');
    const run = await cli(['run', 'suite', '--reporter', 'junit:out/junit.xml'], dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`flowbench run: cannot create the folder ${join(dir, 'out')}`);
    expect(run.stdout).toBe('');
  });

  it('3: a trace file that is a folder stops the run before it starts', async () => {
    const dir = suite(false);
    mkdirSync(join(dir, 'trace.jsonl'));
    const run = await cli(['run', 'suite', '--trace', 'trace.jsonl'], dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`cannot open ${join(dir, 'trace.jsonl')}: it is a folder`);
    expect(run.output).not.toMatch(/passed/);
  });

  it('3: the mock server port is in use', async () => {
    const busy = await listen();
    cleanups.push(() => busy.close());
    const address = busy.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const run = await cli(['mock', join(examplesDir, 'mocks', 'shop.mocks.yaml'), '--port', String(port)], suite(false));
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
  });

  it('3: the library is not a database; 2: it does not exist (export reads, never creates)', async () => {
    const dir = suite(false);
    writeFileSync(join(dir, 'notes.db'), 'my notes');
    const junk = await cli(['export', 'out', '--db', 'notes.db'], dir);
    expect(junk.code).toBe(3);
    expect(junk.stderr).toContain(`${join(dir, 'notes.db')} is not a flowbench database`);
    const none = await cli(['export', 'out', '--db', 'none.db'], dir);
    expect(none.code).toBe(2);
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
  });
});
