import { chmodSync, statSync } from 'node:fs';

/** Group and other permission bits: the library may hold API answers and tokens recorded in sessions. */
const OPEN_TO_OTHERS = 0o077;

/**
 * Keeps the database private to its owner: takes the group and other bits off the file and
 * its `-wal` and `-shm` companions (0644 → 0600, 0444 → 0400; never adds a bit). Called
 * right after SQLite opens (creates) the file, so the WAL and shared-memory files SQLite
 * makes next take the same private mode. Files that are missing or not ours are left alone.
 */
export function keepDatabasePrivate(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      const { mode } = statSync(path);
      if ((mode & OPEN_TO_OTHERS) !== 0) chmodSync(path, mode & 0o700);
    } catch {
      // missing (no WAL yet), or owned by someone else: nothing to do
    }
  }
}
