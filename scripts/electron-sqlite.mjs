// The desktop app runs the host inside Electron, whose Node ABI is not the one npm built
// better-sqlite3 for. This builds a second copy of the addon for Electron (once per
// Electron version, kept under node_modules/.cache) without touching the Node one, which
// the CLI and the tests keep using. It needs Electron's headers (a download), so it only
// runs where Electron itself can start.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

function nodeGyp() {
  const npmRoot = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  return existsSync(npmRoot) ? npmRoot : null;
}

/** Returns the path of an Electron build of better-sqlite3, building it if needed; throws with the reason. */
export function electronSqliteBinding(root) {
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const target = join(root, 'node_modules', '.cache', 'flowbench', `electron-${electronVersion}`, 'better_sqlite3.node');
  if (existsSync(target)) return target;
  const gyp = nodeGyp();
  if (gyp === null) throw new Error('node-gyp (shipped with npm) was not found');
  const work = mkdtempSync(join(tmpdir(), 'flowbench-electron-sqlite-'));
  try {
    cpSync(join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true, filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`) });
    const result = spawnSync(
      process.execPath,
      [gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
      { cwd: work, encoding: 'utf8', timeout: 600_000 },
    );
    if (result.status !== 0) throw new Error(`node-gyp could not build it: ${(result.stderr || result.stdout || '').trim().split('\n').slice(-3).join(' ')}`);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
