import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths';

export interface RunningWorkbench {
  /** The URL as printed, with the launch's token: `http://127.0.0.1:PORT/?token=…`. */
  url: string;
  /** `http://127.0.0.1:PORT` (no token). */
  origin: string;
  /** The access token of this launch. */
  token: string;
  /** A POST to the API with the token, as the page sends it. */
  call(route: string, input: unknown): Promise<Response>;
  dataDir: string;
  /** The workbench's own copy of examples/. */
  examplesDir: string;
  output: () => string;
  close(): Promise<void>;
}

/** Starts the workbench the way a user does (`npm start -- --browser`), on a free port. */
export async function startWorkbench(extraArgs: string[] = []): Promise<RunningWorkbench> {
  const dataDir = mkdtempSync(join(tmpdir(), 'flowbench-e2e-'));
  // The UI may write files (dragged positions, saved scenarios): give it its own copy.
  const examplesDir = join(dataDir, 'examples');
  cpSync(join(repoRoot, 'examples'), examplesDir, { recursive: true });
  const child: ChildProcess = spawn(
    process.execPath,
    [join(repoRoot, 'scripts', 'start.mjs'), '--browser', '--port', '0', '--data-dir', dataDir, '--examples-dir', examplesDir, ...extraArgs],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FLOWBENCH_DB: join(dataDir, 'flowbench.db') } },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`workbench did not print its URL in time:\n${output}`)), 60_000);
    const check = (): void => {
      const match = /browser mode\): (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)\n/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`workbench exited with ${String(code)} before printing its URL:\n${output}`));
    });
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  return {
    url,
    origin: parsed.origin,
    token,
    call: (route, input) =>
      fetch(new URL(`/api/call/${route}`, parsed.origin), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      }),
    dataDir,
    examplesDir,
    output: () => output,
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
