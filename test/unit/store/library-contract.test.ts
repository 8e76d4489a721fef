import { describe, expect, it } from 'vitest';
import { contract, isRouteName } from '../../../main/api/contract';
import { AbsolutePath, LibraryPath } from '../../../main/api/routes/library-files';
import { createDispatcher } from '../../../main/host/dispatch';
import type { Handlers } from '../../../main/host/dispatch';

const LIBRARY_ROUTES = [
  'flows.list',
  'flows.get',
  'flows.create',
  'flows.update',
  'flows.delete',
  'mockSets.list',
  'mockSets.get',
  'mockSets.create',
  'mockSets.update',
  'mockSets.delete',
  'scenarios.list',
  'scenarios.get',
  'scenarios.create',
  'scenarios.update',
  'scenarios.delete',
  'scenarios.tags',
  'scenarios.run',
  'scenarios.history',
  'scenarios.compare',
  'results.get',
  'library.runs',
  'library.import',
  'library.export',
];

describe('library routes of the API contract', () => {
  it('are all in the contract, keyed by their own name, with a summary', () => {
    for (const name of LIBRARY_ROUTES) {
      expect(isRouteName(name), name).toBe(true);
      if (isRouteName(name)) {
        expect(contract[name].name).toBe(name);
        expect(contract[name].summary.length).toBeGreaterThan(10);
      }
    }
  });

  it('give list calls defaults and bound their page size', () => {
    expect(contract['scenarios.list'].input.parse(undefined)).toEqual({ limit: 500, offset: 0 });
    expect(contract['flows.list'].input.parse({ text: 'x' })).toEqual({ text: 'x', limit: 500, offset: 0 });
    expect(contract['scenarios.list'].input.safeParse({ limit: 10_001 }).success).toBe(false);
    expect(contract['scenarios.list'].input.safeParse({ sneaky: 1 }).success).toBe(false);
    expect(contract['scenarios.history'].input.parse({ scenarioId: 3 })).toEqual({ scenarioId: 3, limit: 100 });
  });

  it('accept only relative library paths inside the library', () => {
    for (const ok of ['flows/a.flow.yaml', 'a.yml', 'deep/er/x.scenario.json', 'with space/é.yaml']) expect(LibraryPath.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['', '/abs.yaml', 'C:/x.yaml', '../up.yaml', 'a/../b.yaml', 'a//b.yaml', './a.yaml', 'a\\b.yaml', 'notes.txt', 'a\u0000.yaml']) {
      expect(LibraryPath.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('accept only absolute paths for import and export', () => {
    expect(AbsolutePath.safeParse('/home/me/suite').success).toBe(true);
    expect(AbsolutePath.safeParse('C:\\suite').success).toBe(true);
    expect(AbsolutePath.safeParse('suite').success).toBe(false);
    expect(contract['library.import'].input.safeParse({ paths: [] }).success).toBe(false);
  });

  it('validate inputs in dispatch before any handler runs (bad input never reaches the store)', async () => {
    const calls: string[] = [];
    const handlers = new Proxy({} as Handlers, {
      get: (_target, name) => () => {
        calls.push(String(name));
        return {};
      },
    });
    const dispatch = createDispatcher(handlers, { onInternalError: () => {} });
    expect(await dispatch('scenarios.get', { id: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'id' }] } });
    expect(await dispatch('flows.create', { flow: [1, 2] })).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'flow' }] } });
    expect(await dispatch('scenarios.create', { file: '../x.yaml', scenario: {} })).toMatchObject({ ok: false, error: { issues: [{ path: 'file' }] } });
    expect(await dispatch('scenarios.compare', { scenarioId: 1, before: 1 })).toMatchObject({ ok: false, error: { issues: [{ path: 'after' }] } });
    expect(calls).toEqual([]);
  });
});
