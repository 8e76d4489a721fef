import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const DATABASE_FILE_NAME = 'flowbench.db';

/**
 * Where the scenario library lives: `--db`, else `FLOWBENCH_DB`, else `<dataDir>/flowbench.db`
 * (the desktop app passes Electron's user-data folder as dataDir; otherwise `FLOWBENCH_HOME`,
 * else `~/.flowbench`, like the host's data folder).
 */
export function resolveDatabaseFile(options: {
  db?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  dataDir?: string | undefined;
  cwd?: string;
}): string {
  const cwd = options.cwd ?? process.cwd();
  if (options.db !== undefined && options.db !== '') return resolve(cwd, options.db);
  const fromEnv = options.env?.['FLOWBENCH_DB'];
  if (fromEnv !== undefined && fromEnv !== '') return resolve(cwd, fromEnv);
  const home = options.env?.['FLOWBENCH_HOME'];
  const dataDir =
    options.dataDir !== undefined && options.dataDir !== ''
      ? options.dataDir
      : home !== undefined && home !== ''
        ? home
        : join(homedir(), '.flowbench');
  return resolve(cwd, dataDir, DATABASE_FILE_NAME);
}
