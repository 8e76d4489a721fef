import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { pendingMigrations } from './apply-migrations';
import { checkIdentity } from './database-identity';
import type { Migration } from './migrations';
import { checkTables } from './schema-tables';
import { storeFailure } from './sqlite-failure';
import { StoreError } from './store-error';

/**
 * Opens an existing flowbench database for reading only: SQLite's read-only mode plus
 * `query_only`, so nothing (no migration, no pragma) can write and no write lock is taken.
 * It works on a read-only file and while another connection holds the write lock. A file
 * whose schema is older than this build raises `outdated`: upgrading it needs a writer.
 */
export function openReadOnly(
  file: string,
  options: { busyTimeoutMs?: number; nativeBinding?: string },
  migrations: readonly Migration[],
): Database.Database {
  if (!existsSync(file)) {
    throw new StoreError(
      'not_found',
      `there is no flowbench library at ${file}: import files into it first (flowbench import <folder> --db ${file}), or point --db or FLOWBENCH_DB at your library.`,
    );
  }
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  let db: Database.Database;
  try {
    const nativeBinding = options.nativeBinding ?? process.env['FLOWBENCH_SQLITE_BINDING'];
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      timeout: options.busyTimeoutMs ?? 5000,
      ...(nativeBinding !== undefined && nativeBinding !== '' ? { nativeBinding } : {}),
    });
  } catch (error) {
    throw named(file, error);
  }
  try {
    db.pragma('query_only = ON');
    checkIdentity(db, file, latest);
    const pending = pendingMigrations(db, file, migrations);
    if (pending.length > 0) {
      const current = Math.min(...pending.map((m) => m.version)) - 1;
      throw new StoreError(
        'outdated',
        `${file} has schema version ${current}, older than this flowbench's (${latest}); it must be upgraded, which needs write access to it (any command that writes, such as flowbench import, upgrades it).`,
      );
    }
    checkTables(db, file, migrations);
    return db;
  } catch (error) {
    db.close();
    throw named(file, error);
  }
}

function named(file: string, error: unknown): Error {
  const failure = storeFailure(file, error);
  return failure instanceof Error ? failure : new Error(`cannot open the flowbench database ${file}: ${String(error)}`);
}
