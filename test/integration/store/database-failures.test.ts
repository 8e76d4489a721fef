import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, cpSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createHost } from '../../../main/host/host';
import type { Host } from '../../../main/host/host';
import { MIGRATIONS } from '../../../main/store/migrations';
import { tablesOf } from '../../../main/store/schema-tables';
import { Store } from '../../../main/store/store';
import { cli } from '../../support/cli-harness';
import { exampleCounts } from '../../support/example-counts';
import { examplesDir, repoRoot } from '../../support/paths';
import { useTempDir } from './fixtures/temp-dir';

const tempDir = useTempDir('flowbench-db-failures-');
const undo: (() => void)[] = [];
const hosts: Host[] = [];

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  for (const step of undo.splice(0).reverse()) step();
});

/** The examples imported into a fresh library (12 scenarios). */
async function library(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  cpSync(examplesDir, join(dir, 'suite'), { recursive: true });
  const db = join(dir, 'lib.db');
  const imported = await cli(['import', 'suite', '--db', db], dir);
  expect(imported.code, imported.output).toBe(0);
  return { dir, db };
}

/**
 * Makes a file read-only for this process. root ignores permission bits, so as root the
 * file is made immutable (chattr +i; ext4 and most Linux file systems), else chmod 0444.
 */
function makeReadOnly(file: string): void {
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', file]);
    undo.push(() => execFileSync('chattr', ['-i', file]));
  } else {
    chmodSync(file, 0o444);
    undo.push(() => chmodSync(file, 0o644));
  }
  // The premise of the tests below: this process really cannot write the file.
  expect(() => closeSync(openSync(file, 'r+'))).toThrow();
}

/** Another connection holding the write lock (BEGIN EXCLUSIVE, with a write in it) until released. */
function holdWriteLock(db: string): { release(): void } {
  const other = new Database(db);
  other.exec('BEGIN EXCLUSIVE');
  other.prepare("INSERT INTO runs (started_at, finished_at, source, filter, passed, failed, errors) VALUES ('x', 'x', 'other', '{}', 0, 0, 0)").run();
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    other.exec('ROLLBACK');
    other.close();
  };
  undo.push(release);
  return { release };
}

function runsIn(db: string): number {
  const store = Store.openForReading(db);
  try {
    return store.runs.list(100).length;
  } finally {
    store.close();
  }
}

function newHost(dbFile: string): Host {
  const host = createHost({ mode: 'browser', appRoot: repoRoot, name: 'flowbench', version: '0.0.1-test', dataDir: tempDir(), examplesDir, dbFile, onInternalError: () => {} });
  hosts.push(host);
  return host;
}

describe('a read-only library', () => {
  it('is exported (reading needs no write access)', async () => {
    const { dir, db } = await library();
    makeReadOnly(db);
    const exported = await cli(['export', 'out', '--db', db], dir);
    expect(exported.code, exported.output).toBe(0);
    const counts = await exampleCounts();
    expect(exported.stdout).toContain(`exported ${counts.flows + counts.mockSets + counts.scenarioFiles} files`);
    expect(existsSync(join(dir, 'out', 'scenarios', 'order-status.scenario.yaml'))).toBe(true);
  });

  it('stops run --db before anything runs: exit 3, the file named, nothing printed as passed', async () => {
    const { dir, db } = await library();
    const before = readFileSync(db);
    makeReadOnly(db);
    const run = await cli(['run', '--db', db], dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`flowbench run: ${db} is read-only`);
    expect(run.stdout).toBe('');
    expect(run.output).not.toMatch(/passed|Running/);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('refuses an import at once the same way', async () => {
    const { dir, db } = await library();
    makeReadOnly(db);
    const imported = await cli(['import', 'suite', '--db', db], dir);
    expect(imported.code).toBe(3);
    expect(imported.stderr).toContain(`${db} is read-only`);
  });

  it('is listed by the workbench, and a write through it names the file', async () => {
    const { db } = await library();
    makeReadOnly(db);
    const host = newHost(db);
    const listed = await host.dispatch('scenarios.list', {});
    expect(listed.ok && listed.value).toMatchObject({ total: (await exampleCounts()).scenarios });
    const created = await host.dispatch('flows.create', {
      flow: { format: 'flowbench.flow/1', name: 'Hello', start: 'hi', modules: [{ id: 'hi', type: 'end' }] },
    });
    expect(created.ok).toBe(false);
    if (!created.ok) {
      expect(created.error.code).toBe('failed');
      expect(created.error.message).toContain(`${db} is read-only`);
    }
  });
});

describe('a library another connection holds locked (BEGIN EXCLUSIVE)', () => {
  it('stops run --db before anything runs (after the 5 s busy timeout): exit 3, the file named', async () => {
    const { dir, db } = await library();
    const lock = holdWriteLock(db);
    const run = await cli(['run', '--db', db], dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`flowbench run: ${db} is locked by another program`);
    expect(run.output).not.toMatch(/passed|Running/);
    lock.release();
    expect(runsIn(db)).toBe(0);
  });

  it('is exported meanwhile: a reader takes no lock', async () => {
    const { dir, db } = await library();
    holdWriteLock(db);
    const exported = await cli(['export', 'out', '--db', db], dir);
    expect(exported.code, exported.output).toBe(0);
    const counts = await exampleCounts();
    expect(exported.stdout).toContain(`exported ${counts.flows + counts.mockSets + counts.scenarioFiles} files`);
  });

  it('records the run once the lock is gone', async () => {
    const { dir, db } = await library();
    holdWriteLock(db).release();
    const run = await cli(['run', '--db', db], dir);
    expect(run.code).toBe(0);
    expect(runsIn(db)).toBe(1);
  });
});

describe('a damaged library', () => {
  /** Overwrites the first page of a table's B-tree with 0xff bytes: its rows cannot be read. */
  function corruptTable(db: string, table: string): void {
    const probe = new Database(db); // the last connection to close folds the WAL into the file
    const root = Number(probe.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(table));
    const pageSize = Number(probe.pragma('page_size', { simple: true }));
    probe.close();
    expect(existsSync(`${db}-wal`)).toBe(false); // everything is in the main file
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);
  }

  it('with corrupt pages: export and run --db exit 3 naming the file, which is left as it was', async () => {
    const { dir, db } = await library();
    corruptTable(db, 'scenarios');
    const damaged = readFileSync(db);
    const exported = await cli(['export', 'out', '--db', db], dir);
    expect(exported.code).toBe(3);
    expect(exported.stderr).toContain(`flowbench export: ${db} is damaged (database disk image is malformed)`);
    const run = await cli(['run', '--db', db], dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`flowbench run: ${db} is damaged`);
    expect(run.output).not.toMatch(/passed|Running/);
    expect(readFileSync(db).equals(damaged)).toBe(true);
  });

  it('with corrupt pages: the workbench names the file on the library call', async () => {
    const { db } = await library();
    corruptTable(db, 'scenarios');
    const listed = await newHost(db).dispatch('scenarios.list', {});
    expect(listed.ok).toBe(false);
    if (!listed.ok) expect(listed.error.message).toContain(`${db} is damaged`);
  });

  it('with a table missing: every way in names the file and the table', async () => {
    const { dir, db } = await library();
    const raw = new Database(db);
    raw.pragma('foreign_keys = OFF');
    raw.exec('DROP TABLE scenario_tags');
    raw.close();
    const missing = `${db} is missing the table scenario_tags of the flowbench schema`;
    const exported = await cli(['export', 'out', '--db', db], dir);
    expect(exported.code).toBe(3);
    expect(exported.stderr).toContain(missing);
    const run = await cli(['run', '--db', db], dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(missing);
    const listed = await newHost(db).dispatch('scenarios.list', {});
    expect(!listed.ok && listed.error.message).toContain(missing);
  });
});

describe('the tables a library must have', () => {
  it('are the tables of the migrations: exactly those a new library gets', () => {
    const db = join(tempDir(), 'new.db');
    Store.open(db).close();
    const raw = new Database(db, { readonly: true });
    const tables = raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all();
    raw.close();
    expect(new Set(tablesOf(MIGRATIONS))).toEqual(new Set(tables));
    // By hand from migrations.ts: 1 creates flows, mock_sets, scenario_files, scenarios, scenario_tags, runs, run_results; 2 sessions.
    expect(new Set(tablesOf(MIGRATIONS))).toEqual(
      new Set(['schema_migrations', 'flows', 'mock_sets', 'scenario_files', 'scenarios', 'scenario_tags', 'runs', 'run_results', 'sessions']),
    );
  });
});

describe('a library that does not exist', () => {
  it('is not created by export (exit 2, the file named); import creates it', async () => {
    const dir = tempDir();
    const db = join(dir, 'none.db');
    const exported = await cli(['export', 'out', '--db', db], dir);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toContain(`there is no flowbench library at ${db}`);
    expect(existsSync(db)).toBe(false);
  });
});
