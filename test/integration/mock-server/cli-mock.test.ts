import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run-cli';
import { buildIfStale } from '../../../scripts/build-if-stale.mjs';
import { repoRoot } from '../../support/paths';
import { fakeIo } from './cli-io-fake';
import { eventually, expectAnswer, json, send } from './http-exchange';

let dir: string;
const children: ChildProcess[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowbench-cli-mock-'));
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** `node bin/flowbench.mjs <args>`, as a user runs it. */
function startCli(args: string[]): { process: ChildProcess; stdout(): string; stderr(): string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'flowbench.mjs'), ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, stdout: () => out, stderr: () => err, exited };
}

const valid = `format: flowbench.mocks/1
seed: 7
routes:
  - id: hello
    path: /hello/:name
    latency: { fixed: 10 }
    responses:
      - { body: { hello: "{{params.name}}" } }
`;

function urlIn(text: string): string | null {
  return /serving \d+ routes? on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1] ?? null;
}

describe('flowbench mock (in process)', () => {
  it('serves the file until interrupted, printing each request, then exits 0', async () => {
    writeFileSync(join(dir, 'm.mocks.yaml'), valid);
    const fake = fakeIo(dir);
    const exit = runCli(['mock', 'm.mocks.yaml', '--seed', '3'], fake.io);
    await eventually(() => urlIn(fake.out()) !== null);
    expect(fake.out()).toContain('(seed 3)');
    const url = urlIn(fake.out()) ?? '';
    expect(json(await send(`${url}/hello/ann`, { headers: { 'x-flowbench-session': 's1' } }))).toEqual({ hello: 'ann' });
    await eventually(() => fake.out().includes('GET /hello/ann → 200 hello'));
    expect(fake.out()).toContain('[session s1]');
    fake.interrupt();
    expect(await exit).toBe(0);
    expect(fake.out()).toContain('stopped after 1 request');
    expect((await send(`${url}/hello/ann`)).kind).toBe('error');
  });

  it('rejects an invalid file with a located error and exit code 2', async () => {
    writeFileSync(join(dir, 'bad.mocks.yaml'), valid.replace('latency: { fixed: 10 }', 'latency: { fixed: -10 }'));
    const fake = fakeIo(dir);
    expect(await runCli(['mock', 'bad.mocks.yaml'], fake.io)).toBe(2);
    expect(fake.err()).toMatch(/^bad\.mocks\.yaml:6:\d+ routes\[0\]\.latency\.fixed: /m);
  });

  it('rejects a missing file and bad flags with exit code 2', async () => {
    const missing = fakeIo(dir);
    expect(await runCli(['mock', 'nope.yaml'], missing.io)).toBe(2);
    expect(missing.err()).toContain('nope.yaml');
    const noTarget = fakeIo(dir);
    expect(await runCli(['mock', '--record'], noTarget.io)).toBe(2);
    expect(noTarget.err()).toContain('--record needs --target');
    const noFile = fakeIo(dir);
    expect(await runCli(['mock'], noFile.io)).toBe(2);
    const badPort = fakeIo(dir);
    expect(await runCli(['mock', 'x.yaml', '--port', 'abc'], badPort.io)).toBe(2);
  });

  it('records through --record --target into --out', async () => {
    writeFileSync(join(dir, 'api.mocks.yaml'), valid);
    const api = fakeIo(dir);
    const apiExit = runCli(['mock', 'api.mocks.yaml', '-q'], api.io);
    await eventually(() => urlIn(api.out()) !== null);
    const target = urlIn(api.out()) ?? '';

    const rec = fakeIo(dir);
    const recExit = runCli(['mock', '--record', '--target', target, '--out', 'out/rec.mocks.yaml'], rec.io);
    await eventually(() => urlIn(rec.out()) !== null);
    const url = urlIn(rec.out()) ?? '';
    expect(json(await send(`${url}/hello/bob`))).toEqual({ hello: 'bob' });
    rec.interrupt();
    expect(await recExit).toBe(0);
    expect(rec.out()).toContain('wrote 1 recorded route to out/rec.mocks.yaml');
    api.interrupt();
    expect(await apiExit).toBe(0);
    const written = readFileSync(join(dir, 'out', 'rec.mocks.yaml'), 'utf8');
    expect(written).toContain('id: get_hello_bob');
    expect(written).toContain('hello: bob');
  });
});

describe('flowbench mock (real process)', { timeout: 120_000 }, () => {
  // bin/flowbench.mjs builds out/ when it is stale; do it once, up front, with time to spare.
  beforeAll(() => buildIfStale(repoRoot), 180_000);

  it('exits 2 with a located error for an invalid file', async () => {
    writeFileSync(join(dir, 'bad.mocks.yaml'), valid.replace('path: /hello/:name', 'path: hello'));
    const child = startCli(['mock', join(dir, 'bad.mocks.yaml')]);
    expect(await child.exited).toBe(2);
    expect(child.stderr()).toMatch(/bad\.mocks\.yaml:5:\d+ routes\[0\]\.path: expected a path starting with \//);
  });

  it('serves until SIGINT and closes cleanly with exit 0', async () => {
    writeFileSync(join(dir, 'm.mocks.yaml'), valid);
    const child = startCli(['mock', join(dir, 'm.mocks.yaml'), '--port', '0']);
    await eventually(() => urlIn(child.stdout()) !== null, 90_000);
    const url = urlIn(child.stdout()) ?? '';
    // A request in flight (and a keep-alive socket) must not hold the process open.
    const pending = send(`${url}/hello/zoe`);
    expect(json(await pending)).toEqual({ hello: 'zoe' });
    child.process.kill('SIGINT');
    expect(await child.exited).toBe(0);
    expect(child.stdout()).toContain('stopped after 1 request');
  });

  it('--watch reloads a valid edit and keeps the old config on an invalid one', async () => {
    const file = join(dir, 'w.mocks.yaml');
    writeFileSync(file, valid);
    const child = startCli(['mock', file, '--watch', '-q']);
    await eventually(() => urlIn(child.stdout()) !== null, 90_000);
    const url = urlIn(child.stdout()) ?? '';
    expect(json(await send(`${url}/hello/a`))).toEqual({ hello: 'a' });

    writeFileSync(file, valid.replace('responses:', 'responses: 42\n    extra:'));
    await eventually(() => child.stderr().includes('keeping the previous config'), 10_000);
    expect(child.stderr()).toMatch(/w\.mocks\.yaml:\d+:\d+ routes\[0\]/);
    expect(json(await send(`${url}/hello/b`))).toEqual({ hello: 'b' });

    writeFileSync(file, valid.replace('hello: "{{params.name}}"', 'hi: "{{params.name}}"'));
    await eventually(() => child.stdout().includes('reloaded'), 10_000);
    expect(json(await send(`${url}/hello/c`))).toEqual({ hi: 'c' });
    expect(expectAnswer(await send(`${url}/__flowbench/health`)).status).toBe(200);

    child.process.kill('SIGINT');
    expect(await child.exited).toBe(0);
  });
});

