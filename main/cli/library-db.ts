import { FormatError } from '../formats/format-error';
import { resolveDatabaseFile } from '../store/database-file';
import { StoreError } from '../store/store-error';
import { Store } from '../store/store';
import { EXIT_FAILED, EXIT_INVALID } from './cli-io';
import type { CliIo } from './cli-io';

/** The library the `--db` option (else FLOWBENCH_DB, else the data folder) names. */
export function databaseFileOf(db: string | undefined, io: CliIo): string {
  return resolveDatabaseFile({ db, env: io.env, cwd: io.cwd });
}

/**
 * Opens the library, runs `fn`, closes it. Store and format errors are printed with what
 * they mean for the user and give exit code 2 (bad input) or 1 (the database cannot be used).
 */
export async function withLibrary(command: string, db: string | undefined, io: CliIo, fn: (store: Store) => Promise<number>): Promise<number> {
  let store: Store | null = null;
  try {
    store = Store.open(databaseFileOf(db, io));
    return await fn(store);
  } catch (error) {
    if (error instanceof FormatError && command === 'import') {
      const n = error.issues.length;
      io.stderr.write(`flowbench ${command}: ${n} problem${n === 1 ? '' : 's'}; nothing was imported\n${error.message}\n`);
      return EXIT_INVALID;
    }
    if (error instanceof StoreError) {
      io.stderr.write(`flowbench ${command}: ${error.message}\n`);
      for (const issue of error.issues) io.stderr.write(`  ${issue.path}: ${issue.message}\n`);
      return error.code === 'invalid_input' ? EXIT_INVALID : EXIT_FAILED;
    }
    throw error;
  } finally {
    store?.close();
  }
}
