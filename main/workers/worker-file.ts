import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The script a pool worker runs. */
export interface WorkerScript {
  /** Its file URL. */
  url: URL;
  /** `source`: flowbench runs from its TypeScript sources (vitest, tsx); `built`: from out/ (npm run build). */
  mode: 'source' | 'built';
}

/** The built worker entry's name: electron-vite's `pool-worker` input, beside index.js and browser.js. */
export const BUILT_WORKER = 'pool-worker.js';

/**
 * Where the pool's worker script is, found from the URL of the module asking (this one by
 * default). From the TypeScript sources it is `source-worker.mjs` beside this file (it
 * registers tsx in the worker). From the build, `out/main/pool-worker.js`: the code asking
 * is bundled into out/main/index.js or browser.js, or into a shared chunk in out/main/chunks/,
 * so the worker is beside it or one folder up. A missing build is an error that says so.
 */
export function poolWorkerScript(moduleUrl: string = import.meta.url, exists: (path: string) => boolean = existsSync): WorkerScript {
  const here = new URL(moduleUrl);
  if (here.pathname.endsWith('.ts')) return { url: new URL('./source-worker.mjs', here), mode: 'source' };
  const candidates = [new URL(`./${BUILT_WORKER}`, here), new URL(`../${BUILT_WORKER}`, here)];
  const found = candidates.find((url) => exists(fileURLToPath(url)));
  if (found !== undefined) return { url: found, mode: 'built' };
  const tried = candidates.map((url) => fileURLToPath(url)).join(' or ');
  throw new Error(`the worker pool's script is missing (looked for ${tried}): run \`npm run build\``);
}
