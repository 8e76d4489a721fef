// Builds out/ with electron-vite when it is missing or older than any source file.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_DIRS = ['main', 'preload', 'renderer', 'mocks'];
const SOURCE_FILES = ['electron.vite.config.ts', 'package.json'];
const STAMP = join('out', 'renderer', 'index.html');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isBuildStale(root) {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp) || !existsSync(join(root, 'out', 'main', 'cli.js'))) return true;
  const built = statSync(stamp).mtimeMs;
  const sources = [...SOURCE_DIRS, ...SOURCE_FILES].map((p) => join(root, p)).filter((p) => existsSync(p));
  return sources.some((p) => newestMtime(p) > built);
}

export function buildIfStale(root, { force = false } = {}) {
  if (!force && !isBuildStale(root)) return;
  process.stderr.write('flowbench: building the workbench (electron-vite build)…\n');
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    throw new Error('the build failed (see the messages above); run `npm run build` to see all of its output');
  }
  // The Electron fuses, as `npm run build` applies them (one line: applied, or why not).
  const fuses = spawnSync(process.execPath, [join(root, 'scripts', 'electron-fuses.mjs')], { cwd: root, stdio: ['ignore', 2, 'inherit'] });
  if (fuses.status !== 0) throw new Error('applying the Electron fuses failed (see the message above)');
}
