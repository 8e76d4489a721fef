import type Database from 'better-sqlite3';
import { FLOWBENCH_APPLICATION_ID } from './apply-migrations';
import { StoreError } from './store-error';

/** Whether the open file is a flowbench database this build can use (the header may lag behind the WAL). */
export function checkIdentity(db: Database.Database, file: string, latest: number): void {
  const applicationId = Number(db.pragma('application_id', { simple: true }));
  const userVersion = Number(db.pragma('user_version', { simple: true }));
  const objects = Number(db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get());
  if (applicationId !== FLOWBENCH_APPLICATION_ID && !(applicationId === 0 && userVersion === 0 && objects === 0)) {
    throw new StoreError(
      'not_a_database',
      `${file} is an SQLite database of another program, not flowbench's; it was left unchanged. ` +
        'Point --db or FLOWBENCH_DB at another file.',
    );
  }
  if (userVersion > latest) throw futureSchema(file, userVersion, latest);
}

export function futureSchema(file: string, version: number, latest: number): StoreError {
  return new StoreError(
    'future_schema',
    `${file} has schema version ${version}, newer than this flowbench understands (${latest}); ` +
      'it was written by a newer flowbench. Upgrade flowbench to use it; the file was left unchanged.',
  );
}
