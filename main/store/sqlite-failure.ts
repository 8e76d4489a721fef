import { StoreError } from './store-error';

/**
 * What an error of SQLite (better-sqlite3's SqliteError: `code` is SQLite's extended result
 * code name) means for the user, as a StoreError that names the database file. Anything
 * else is returned as it is.
 */
export function storeFailure(file: string, error: unknown): unknown {
  if (error instanceof StoreError) return error;
  const code = sqliteCode(error);
  if (code === null) return error;
  const detail = error instanceof Error ? error.message : String(error);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new StoreError(
      'corrupt',
      `${file} is damaged (${detail}); it was left unchanged. Restore it from a backup, or move it away and import your files again.`,
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError(
      'busy',
      `${file} is locked by another program (${detail}): another flowbench or the workbench is writing to it. Try again when it is done.`,
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new StoreError(
      'read_only',
      `${file} is read-only (${detail}); this command writes to the library. Make the file and its folder writable, or point --db or FLOWBENCH_DB at a writable copy.`,
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new StoreError('io', `cannot open ${file} (${detail}): check that its folder exists and that you may read and write there.`);
  }
  if (code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_IOERR')) {
    return new StoreError('io', `${file} could not be read or written (${detail}); nothing was changed by the failed step.`);
  }
  if (/no such (table|column|index)/.test(detail)) {
    return new StoreError(
      'corrupt',
      `${file} is missing part of the flowbench schema (${detail}): it was damaged or changed by another program; it was left unchanged.`,
    );
  }
  return new StoreError('io', `the flowbench database ${file} failed: ${detail}`);
}

/** SQLite's result code name of an error from better-sqlite3, or null for other errors. */
function sqliteCode(error: unknown): string | null {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return null;
  return error.code.startsWith('SQLITE_') ? error.code : null;
}
