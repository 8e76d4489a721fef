import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { FLOWBENCH_APPLICATION_ID, applyMigrations } from './apply-migrations';
import { keepDatabasePrivate } from './database-file-mode';
import { checkIdentity, futureSchema } from './database-identity';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations';
import { openReadOnly } from './open-read-only';
import { checkTables } from './schema-tables';
import { storeFailure } from './sqlite-failure';
import { StoreError } from './store-error';

export interface OpenDatabaseOptions {
  /** The schema to bring the file to; tests pass a prefix to build an older file. */
  migrations?: readonly Migration[];
  /** How long a write waits for another connection's lock (SQLite busy timeout). */
  busyTimeoutMs?: number;
  /**
   * The compiled better-sqlite3 addon to load instead of the default one: the desktop app
   * runs inside Electron, whose Node ABI differs, and `npm start` builds a copy for it.
   * Defaults to `FLOWBENCH_SQLITE_BINDING` when that is set.
   */
  nativeBinding?: string;
  /**
   * Open for reading only (SQLite read-only mode: no migration, no write, no lock taken);
   * the file must exist. Reading commands use it, so they work on read-only files and
   * beside a writer.
   */
  readonly?: boolean;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');
const HEADER_BYTES = 100;

/**
 * Opens (creating if needed) a flowbench database: WAL, foreign keys on, a busy timeout,
 * migrated to the current schema. A file that is not SQLite, not flowbench's, damaged or
 * from a newer flowbench raises a StoreError naming it, and is never written to.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  checkHeader(file, latest);
  if (options.readonly === true) return openReadOnly(file, options, migrations);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });

  let db: Database.Database;
  try {
    const nativeBinding = options.nativeBinding ?? process.env['FLOWBENCH_SQLITE_BINDING'];
    db = new Database(file, {
      timeout: options.busyTimeoutMs ?? 5000,
      ...(nativeBinding !== undefined && nativeBinding !== '' ? { nativeBinding } : {}),
    });
  } catch (error) {
    throw openFailure(file, error);
  }
  try {
    checkIdentity(db, file, latest);
    keepDatabasePrivate(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    applyMigrations(db, file, migrations);
    checkTables(db, file, migrations);
    return db;
  } catch (error) {
    db.close();
    throw openFailure(file, error);
  }
}

/** Looks at the first 100 bytes before SQLite touches the file. */
function checkHeader(file: string, latest: number): void {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new StoreError('not_a_database', `${file} is a folder, expected a database file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof StoreError) throw error;
    return; // no file yet: it will be created
  }
  if (size === 0) return;
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  if (read < HEADER_BYTES || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw new StoreError(
      'not_a_database',
      `${file} is not a flowbench database (it is not an SQLite file, or it is damaged); it was left unchanged. ` +
        'Point --db or FLOWBENCH_DB at another file, or move this one away.',
    );
  }
  const userVersion = header.readUInt32BE(60);
  const applicationId = header.readUInt32BE(68);
  if (applicationId === FLOWBENCH_APPLICATION_ID && userVersion > latest) throw futureSchema(file, userVersion, latest);
}

/** Why the file could not be opened, naming it; errors that are not SQLite's (the addon failed to load) too. */
export function openFailure(file: string, error: unknown): Error {
  const failure = storeFailure(file, error);
  if (failure instanceof Error && (failure instanceof StoreError || failure !== error)) return failure;
  return new Error(`cannot open the flowbench database ${file}: ${error instanceof Error ? error.message : String(error)}`);
}
