import { describe, expect, it } from 'vitest';
import { poolWorkerScript } from '../../../main/workers/worker-file';

/*
 * Issue 18: the pool finds its worker script however flowbench runs — from the TypeScript
 * sources (vitest, tsx), or built by electron-vite, where the code asking is bundled into
 * out/main/index.js (Electron), out/main/browser.js (browser mode) or a shared chunk in
 * out/main/chunks/, and the worker is its own input, out/main/pool-worker.js.
 */

describe('poolWorkerScript', () => {
  it('from the sources: the tsx bootstrap beside the module', () => {
    expect(poolWorkerScript('file:///app/main/workers/worker-file.ts', () => false)).toEqual({ url: new URL('file:///app/main/workers/source-worker.mjs'), mode: 'source' });
  });

  it('built, asked from an entry in out/main: the worker beside it', () => {
    const exists = (path: string): boolean => path === '/app/out/main/pool-worker.js';
    expect(poolWorkerScript('file:///app/out/main/index.js', exists)).toEqual({ url: new URL('file:///app/out/main/pool-worker.js'), mode: 'built' });
  });

  it('built, asked from a shared chunk in out/main/chunks: the worker one folder up', () => {
    const exists = (path: string): boolean => path === '/app/out/main/pool-worker.js';
    expect(poolWorkerScript('file:///app/out/main/chunks/host-Ab12.js', exists)).toEqual({ url: new URL('file:///app/out/main/pool-worker.js'), mode: 'built' });
  });

  it('built without the worker: an error naming where it looked and what to run', () => {
    expect(() => poolWorkerScript('file:///app/out/main/chunks/host-Ab12.js', () => false)).toThrow(
      "the worker pool's script is missing (looked for /app/out/main/chunks/pool-worker.js or /app/out/main/pool-worker.js): run `npm run build`",
    );
  });
});
