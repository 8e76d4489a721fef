import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where flowbench keeps its database and sessions: an explicit `--data-dir`, else
 * `FLOWBENCH_HOME`, else `~/.flowbench` (the desktop entry passes Electron's user-data dir).
 */
export function resolveDataDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit !== undefined && explicit !== '') return resolve(explicit);
  const fromEnv = env['FLOWBENCH_HOME'];
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  return join(homedir(), '.flowbench');
}

/** Group and other permission bits: none of them on the data folder or the database. */
const OPEN_TO_OTHERS = 0o077;

export interface PreparedDataDir {
  dir: string;
  /** True when the folder did not exist and was made (0700). */
  created: boolean;
  /** True when an existing folder readable by others was made private. */
  tightened: boolean;
  /** What the user should know (an existing folder others can read, left as it is). */
  warnings: string[];
}

/**
 * Makes the data folder private to the user: created 0700 when missing. An existing folder
 * with group or other bits is tightened when `tighten` (the default `~/.flowbench`, which
 * is flowbench's own), else left as it is with a warning (a folder the user chose).
 */
export function prepareDataDir(dir: string, options: { tighten: boolean }): PreparedDataDir {
  const existed = existsSync(dir);
  if (!existed) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700); // the mode of mkdir passes through the umask; this does not
    return { dir, created: true, tightened: false, warnings: [] };
  }
  const stat = statSync(dir);
  if (!stat.isDirectory()) throw new Error(`the data folder ${dir} is a file, expected a folder`);
  const loose = stat.mode & OPEN_TO_OTHERS;
  if (loose === 0) return { dir, created: false, tightened: false, warnings: [] };
  const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
  if (options.tighten) {
    try {
      chmodSync(dir, stat.mode & 0o700);
      return { dir, created: false, tightened: true, warnings: [] };
    } catch (error) {
      return { dir, created: false, tightened: false, warnings: [`the data folder ${dir} is open to other users (mode ${mode}) and cannot be made private: ${describe(error)}`] };
    }
  }
  return {
    dir,
    created: false,
    tightened: false,
    warnings: [`the data folder ${dir} is open to other users (mode ${mode}); its database is kept 0600, but consider \`chmod 700 ${dir}\``],
  };
}

/** Whether the data folder is the default one (flowbench's own, so it may be tightened). */
export function isDefaultDataDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return (explicit === undefined || explicit === '') && (env['FLOWBENCH_HOME'] === undefined || env['FLOWBENCH_HOME'] === '');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
