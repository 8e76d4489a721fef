import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FLOWBENCH_APPLICATION_ID } from '../../../main/store/apply-migrations';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../main/store/migrations';
import { openDatabase } from '../../../main/store/open-database';
import { StoreError } from '../../../main/store/store-error';
import { Store } from '../../../main/store/store';
import { useTempDir } from './fixtures/temp-dir';

const tempDir = useTempDir();

function tables(db: Database.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
}

function expectStoreError(fn: () => unknown, kind: StoreError['kind'], ...fragments: string[]): StoreError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(StoreError);
  const error = caught as StoreError;
  expect(error.kind).toBe(kind);
  for (const fragment of fragments) expect(error.message).toContain(fragment);
  return error;
}

describe('opening and migrating the database', () => {
  it('creates a new file (and its folder) at the current schema, in WAL with foreign keys and a busy timeout', () => {
    const file = join(tempDir(), 'nested', 'flowbench.db');
    const db = openDatabase(file, { busyTimeoutMs: 1234 });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma('application_id', { simple: true })).toBe(FLOWBENCH_APPLICATION_ID);
      expect(tables(db)).toEqual(
        expect.arrayContaining(['flows', 'mock_sets', 'scenario_files', 'scenarios', 'scenario_tags', 'runs', 'run_results', 'sessions', 'schema_migrations']),
      );
      const recorded = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all();
      expect(recorded).toHaveLength(MIGRATIONS.length);
      expect(recorded).toMatchObject([{ version: 1, name: 'library' }, { version: 2, name: 'sessions' }]);
    } finally {
      db.close();
    }
  });

  it('opens an up-to-date file again without touching the schema', () => {
    const file = join(tempDir(), 'flowbench.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
    db.close();
  });

  it('upgrades a schema-1 file to the current schema and keeps its data', () => {
    const file = join(tempDir(), 'old.db');
    const v1 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(v1)).not.toContain('sessions');
    const now = '2026-01-01T00:00:00.000Z';
    v1.prepare("INSERT INTO runs (started_at, finished_at, source, filter, passed, failed, errors) VALUES (?, ?, 'cli', '{}', 1, 0, 0)").run(now, now);
    v1.prepare(
      `INSERT INTO run_results (run_id, scenario_id, name, file, status, end_state, virtual_ms, wall_ms, checks, detail, trace)
       VALUES (1, NULL, 'old', 'old.yaml', 'passed', 'end', 10, 1, '[]', '{"clock":"virtual","seed":1,"contexts":{},"path":[]}', '[]')`,
    ).run();
    v1.close();

    const store = Store.open(file);
    try {
      const result = store.runs.result(1);
      expect(result).toMatchObject({ name: 'old', status: 'passed', flowSha256: null, mocksSha256: null, contexts: {} });
      const saved = store.sessions.save(
        { format: 'flowbench.session/1', id: 's1', startedAt: now, flow: { name: 'f', sha256: 'abc' }, user: [], exchanges: [], trace: [] },
        now,
      );
      expect(saved.id).toBe('s1');
      expect(store.sessions.list(10, 0)).toHaveLength(1);
    } finally {
      store.close();
    }
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuses a file whose applied migration was edited since, and leaves it as it was', () => {
    const file = join(tempDir(), 'edited.db');
    openDatabase(file).close();
    const before = readFileSync(file);
    const edited = MIGRATIONS.map((m) => (m.version === 1 ? { ...m, sql: `${m.sql}\n-- an edit` } : m));
    expectStoreError(() => openDatabase(file, { migrations: edited }), 'migration_changed', file, 'migration 1 (library)', 'checksum');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file from a newer flowbench (schema version above ours), and leaves it byte for byte', () => {
    const file = join(tempDir(), 'future.db');
    openDatabase(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = readFileSync(file);
    expectStoreError(() => Store.open(file), 'future_schema', file, `schema version ${SCHEMA_VERSION + 1}`, 'left unchanged');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file with a migration recorded that this build does not know', () => {
    const file = join(tempDir(), 'future2.db');
    openDatabase(file).close();
    // The header still says our version: the check must come from schema_migrations.
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations VALUES (99, 'later', 'x', 'now')").run();
    db.close();
    expectStoreError(() => Store.open(file), 'future_schema', file, 'migration 99');
  });

  it('refuses a file that is not SQLite at all, and never writes to it', () => {
    const file = join(tempDir(), 'notes.db');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(20));
    const before = readFileSync(file);
    expectStoreError(() => Store.open(file), 'not_a_database', file, 'left unchanged');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a damaged SQLite file (valid header, garbage after it), and never writes to it', () => {
    const dir = tempDir();
    const good = join(dir, 'good.db');
    openDatabase(good).close();
    const file = join(dir, 'damaged.db');
    copyFileSync(good, file);
    const bytes = readFileSync(file);
    for (let i = 100; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(file, bytes);
    const before = readFileSync(file);
    const error = expectStoreError(() => Store.open(file), 'corrupt', file);
    expect(error.code).toBe('failed');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses an SQLite database of another program', () => {
    const file = join(tempDir(), 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE contacts (name TEXT)');
    other.close();
    const before = readFileSync(file);
    expectStoreError(() => Store.open(file), 'not_a_database', file, 'another program');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a folder where the file should be', () => {
    expectStoreError(() => Store.open(tempDir()), 'not_a_database', 'is a folder');
  });
});
