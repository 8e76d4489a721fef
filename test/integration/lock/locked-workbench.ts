import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiError, CallResult } from '../../../main/api/errors';
import { startBrowserServer } from '../../../main/host/browser-server';
import type { BrowserServer } from '../../../main/host/browser-server';
import { prepareDataDir } from '../../../main/host/data-dir';
import type { PreparedDataDir } from '../../../main/host/data-dir';
import { createHost } from '../../../main/host/host';
import type { Host } from '../../../main/host/host';
import { examplesDir, repoRoot } from '../../support/paths';

/** The browser-mode server on a real port, with its own data folder, examples copy and a folder outside both. */
export interface LockedWorkbench {
  root: string;
  dataDir: string;
  examplesDir: string;
  /** A folder neither the data nor the examples folder: refused until opened. */
  outside: string;
  prepared: PreparedDataDir;
  host: Host;
  server: BrowserServer;
  /** POST /api/call/<name> with the right token (or the `token` given; null for none). */
  post(name: string, input: unknown, token?: string | null): Promise<{ status: number; body: CallResult<unknown> }>;
  close(): Promise<void>;
}

export async function startLockedWorkbench(): Promise<LockedWorkbench> {
  const root = mkdtempSync(join(tmpdir(), 'flowbench-lock-'));
  const dataDir = join(root, 'home', '.flowbench');
  const examples = join(root, 'examples');
  const outside = join(root, 'outside');
  cpSync(examplesDir, examples, { recursive: true });
  mkdirSync(outside);
  const prepared = prepareDataDir(dataDir, { tighten: true });
  const host = createHost({ mode: 'browser', appRoot: repoRoot, name: 'flowbench', version: '0.0.1-test', dataDir, examplesDir: examples, dbFile: join(dataDir, 'flowbench.db'), onInternalError: () => {} });
  const server = await startBrowserServer({ host, port: 0 });
  return {
    root,
    dataDir,
    examplesDir: examples,
    outside,
    prepared,
    host,
    server,
    async post(name, input, token = server.token) {
      const response = await fetch(`${server.origin}/api/call/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
        body: JSON.stringify(input),
      });
      return { status: response.status, body: (await response.json()) as CallResult<unknown> };
    },
    async close() {
      await server.close();
      await host.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The error of a refused call (fails the test when the call succeeded). */
export function errorOf(body: CallResult<unknown>): ApiError {
  if (body.ok) throw new Error(`expected an error, got ${JSON.stringify(body.value).slice(0, 200)}`);
  return body.error;
}
