import type Database from 'better-sqlite3';
import { z } from 'zod';
import { migrationChecksum } from './migrations';
import type { Migration } from './migrations';
import { StoreError } from './store-error';

/** `PRAGMA application_id` of a flowbench database ("FlBn"): tells our files from others. */
export const FLOWBENCH_APPLICATION_ID = 0x466c426e;

const AppliedRow = z.object({ version: z.number().int(), name: z.string(), checksum: z.string() });
type AppliedRow = z.infer<typeof AppliedRow>;

/**
 * Brings the schema up to the last migration, each step in one immediate transaction that
 * also records its number, name and checksum. A recorded migration whose SQL has changed
 * since, or one this build does not know, stops everything before any change.
 */
export function applyMigrations(db: Database.Database, file: string, migrations: readonly Migration[]): number[] {
  verifyApplied(db, file, migrations, readApplied(db));
  const latestApplied = (): number => Math.max(0, ...readApplied(db).map((r) => r.version));
  if (migrations.every((m) => m.version <= latestApplied())) return [];

  const applied: number[] = [];
  const migrate = db.transaction(() => {
    // Another process may have migrated between our check and this lock: look again.
    const already = readApplied(db);
    verifyApplied(db, file, migrations, already);
    const done = Math.max(0, ...already.map((r) => r.version));
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      checksum TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
    db.pragma(`application_id = ${FLOWBENCH_APPLICATION_ID}`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
    for (const migration of migrations) {
      if (migration.version <= done) continue;
      try {
        db.exec(migration.sql);
      } catch (error) {
        throw new Error(`migration ${migration.version} (${migration.name}) failed on ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      record.run(migration.version, migration.name, migrationChecksum(migration), new Date().toISOString());
      db.pragma(`user_version = ${migration.version}`);
      applied.push(migration.version);
    }
  });
  migrate.immediate();
  return applied;
}

/**
 * The migrations the file still lacks, without changing anything: what a read-only
 * connection checks. Edited or unknown migrations raise the same errors as applyMigrations.
 */
export function pendingMigrations(db: Database.Database, file: string, migrations: readonly Migration[]): Migration[] {
  const applied = readApplied(db);
  verifyApplied(db, file, migrations, applied);
  const done = Math.max(0, ...applied.map((r) => r.version));
  return migrations.filter((m) => m.version > done);
}

function readApplied(db: Database.Database): AppliedRow[] {
  const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (exists === undefined) return [];
  const rows: unknown[] = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all();
  return z.array(AppliedRow).parse(rows);
}

function verifyApplied(db: Database.Database, file: string, migrations: readonly Migration[], applied: readonly AppliedRow[]): void {
  const latestKnown = Math.max(0, ...migrations.map((m) => m.version));
  for (const row of applied) {
    const known = migrations.find((m) => m.version === row.version);
    if (known === undefined) {
      throw new StoreError(
        'future_schema',
        `${file} has schema migration ${row.version} (${row.name}), newer than this flowbench knows (up to ${latestKnown}); ` +
          'use a newer flowbench. The file was left unchanged.',
      );
    }
    const checksum = migrationChecksum(known);
    if (checksum !== row.checksum) {
      throw new StoreError(
        'migration_changed',
        `${file}: migration ${row.version} (${row.name}) was applied with checksum ${row.checksum.slice(0, 12)}…, ` +
          `but this flowbench's migration ${row.version} has ${checksum.slice(0, 12)}…: an applied migration was edited. ` +
          'Restore it and put the change in a new migration. The file was left unchanged.',
      );
    }
  }
  const userVersion = Number(db.pragma('user_version', { simple: true }));
  const recorded = Math.max(0, ...applied.map((r) => r.version));
  if (userVersion !== recorded) {
    throw new StoreError(
      'corrupt',
      `${file}: the schema version (${userVersion}) does not match the recorded migrations (${recorded}); the file was left unchanged.`,
    );
  }
}
