import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/store/open-database';
import { repoRoot } from '../../support/paths';

const dir = mkdtempSync(join(tmpdir(), 'flowbench-binding-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the better-sqlite3 addon to load (the desktop app passes an Electron build)', () => {
  it('loads the addon named by nativeBinding', () => {
    const db = openDatabase(join(dir, 'a.db'), { nativeBinding: join(repoRoot, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node') });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('fails, naming the file, when that addon cannot be loaded', () => {
    expect(() => openDatabase(join(dir, 'b.db'), { nativeBinding: join(dir, 'missing.node') })).toThrow(/b\.db/);
  });
});
