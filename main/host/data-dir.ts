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
