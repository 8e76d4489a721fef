import type Database from 'better-sqlite3';
import type { Migration } from './migrations';
import { StoreError } from './store-error';

/** The tables the migrations create (and do not drop), in order, plus `schema_migrations`. */
export function tablesOf(migrations: readonly Migration[]): string[] {
  const tables = new Set<string>(['schema_migrations']);
  for (const migration of migrations) {
    for (const m of migration.sql.matchAll(/\b(CREATE|DROP)\s+TABLE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?["`]?(\w+)/gi)) {
      const [, verb, name] = m;
      if (name === undefined) continue;
      if (verb?.toUpperCase() === 'DROP') tables.delete(name);
      else tables.add(name);
    }
  }
  return [...tables];
}

/**
 * Refuses a database whose schema version says it has tables it does not have (dropped by
 * hand, or by another program): every later query would fail with "no such table".
 */
export function checkTables(db: Database.Database, file: string, migrations: readonly Migration[]): void {
  const present = new Set(db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all());
  const missing = tablesOf(migrations).filter((name) => !present.has(name));
  if (missing.length === 0) return;
  throw new StoreError(
    'corrupt',
    `${file} is missing the table${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of the flowbench schema: it was damaged or changed by another program; it was left unchanged. ` +
      'Restore it from a backup, or move it away and import your files again.',
  );
}
