import { FormatError } from '../formats/format-error';
import { resolveDatabaseFile } from '../store/database-file';
import { storeFailure } from '../store/sqlite-failure';
import { Store } from '../store/store';
import { EXIT_INVALID } from './cli-io';
import type { CliIo } from './cli-io';
import { describeFailure, exitCodeOf } from './exit-codes';

/** The library the `--db` option (else FLOWBENCH_DB, else the data folder) names. */
export function databaseFileOf(db: string | undefined, io: CliIo): string {
  return resolveDatabaseFile({ db, env: io.env, cwd: io.cwd });
}

/**
 * How a command uses the library: `read` opens it read-only (it must exist; works on a
 * read-only file and beside a writer); `write` opens it (creating it) and takes the write
 * lock once before doing anything, so a locked or read-only library stops the command at
 * once instead of after its work.
 */
export type LibraryAccess = 'read' | 'write';

/**
 * Opens the library, runs `fn`, closes it. Store and format errors are printed with what
 * they mean for the user, naming the database file, and give exit code 2 (bad input) or
 * 3 (the database cannot be used).
 */
export async function withLibrary(
  command: string,
  db: string | undefined,
  io: CliIo,
  access: LibraryAccess,
  fn: (store: Store) => Promise<number>,
): Promise<number> {
  const file = databaseFileOf(db, io);
  let store: Store | null = null;
  try {
    if (access === 'read') {
      store = Store.openForReading(file);
    } else {
      store = Store.open(file);
      store.checkWritable();
    }
    return await fn(store);
  } catch (raw) {
    const error = storeFailure(file, raw);
    if (error instanceof FormatError && command === 'import') {
      const n = error.issues.length;
      io.stderr.write(`flowbench ${command}: ${n} problem${n === 1 ? '' : 's'}; nothing was imported\n${error.message}\n`);
      return EXIT_INVALID;
    }
    io.stderr.write(`${describeFailure(command, error)}\n`);
    return exitCodeOf(error);
  } finally {
    store?.close();
  }
}
