import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDatabaseFile } from '../../../main/store/database-file';
import { libraryPathOf, newItemPath, relativeRef } from '../../../main/store/library-paths';

describe('library paths', () => {
  it('names new items after their name, in their folder, never twice', () => {
    expect(newItemPath('flow', 'Order status (voice)', new Set())).toBe('flows/order-status-voice.flow.yaml');
    expect(newItemPath('scenario', 'Crème brûlée!', new Set())).toBe('scenarios/creme-brulee.scenario.yaml');
    expect(newItemPath('mocks', '???', new Set())).toBe('mocks/mocks.mocks.yaml');
    expect(newItemPath('flow', 'a', new Set(['flows/a.flow.yaml', 'flows/a-2.flow.yaml']))).toBe('flows/a-3.flow.yaml');
  });

  it('writes flow: and mocks: relative to the scenario file', () => {
    expect(relativeRef('scenarios/s.scenario.yaml', 'flows/f.flow.yaml')).toBe('../flows/f.flow.yaml');
    expect(relativeRef('s.scenario.yaml', 'flows/f.flow.yaml')).toBe('flows/f.flow.yaml');
    expect(relativeRef('a/b/s.yaml', 'a/f.yaml')).toBe('../f.yaml');
  });

  it('takes library paths relative to the import root, and refuses files outside it', () => {
    expect(libraryPathOf('/suite', '/suite/flows/f.flow.yaml')).toBe('flows/f.flow.yaml');
    expect(libraryPathOf('/suite', '/elsewhere/f.flow.yaml')).toBeNull();
  });

  it('finds the database: --db, else FLOWBENCH_DB, else the data folder, else FLOWBENCH_HOME, else ~/.flowbench', () => {
    const env = { FLOWBENCH_DB: 'env.db', FLOWBENCH_HOME: '/home-dir' };
    expect(resolveDatabaseFile({ db: 'x.db', env, cwd: '/w' })).toBe('/w/x.db');
    expect(resolveDatabaseFile({ env, cwd: '/w' })).toBe('/w/env.db');
    expect(resolveDatabaseFile({ env: { FLOWBENCH_HOME: '/home-dir' }, dataDir: '/user-data', cwd: '/w' })).toBe('/user-data/flowbench.db');
    expect(resolveDatabaseFile({ env: { FLOWBENCH_HOME: '/home-dir' }, cwd: '/w' })).toBe('/home-dir/flowbench.db');
    expect(resolveDatabaseFile({ env: {}, cwd: '/w' })).toMatch(new RegExp(`${join('.flowbench', 'flowbench.db').replace('.', '\\.')}$`));
  });
});
