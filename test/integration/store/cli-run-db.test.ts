import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRuns, scenarioHistory } from '../../../main/store/library-runs';
import { listScenarios } from '../../../main/store/library-scenarios';
import { Store } from '../../../main/store/store';
import { cli } from '../../support/cli-harness';
import { examplesDir } from '../../support/paths';
import { useTempDir } from './fixtures/temp-dir';

const tempDir = useTempDir();

/** The examples, with the refund scenarios tagged `refund`, imported into a fresh library. */
async function library(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  cpSync(examplesDir, join(dir, 'suite'), { recursive: true });
  const refund = join(dir, 'suite', 'scenarios', 'refund-chat.scenario.yaml');
  writeFileSync(refund, readFileSync(refund, 'utf8').replace('mocks: ../mocks/shop.mocks.yaml\n', 'mocks: ../mocks/shop.mocks.yaml\ntags: [refund]\n'));
  const db = join(dir, 'lib.db');
  expect((await cli(['import', 'suite', '--db', db], dir)).code).toBe(0);
  return { dir, db };
}

describe('flowbench run --db', () => {
  it('runs every stored scenario and records the run in the library', async () => {
    const { dir, db } = await library();
    const run = await cli(['run', '--db', db], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/14 passed, 0 failed, 0 errors/);
    expect(run.stderr).toContain(`recorded as run 1 in ${db}`);
    const store = Store.open(db);
    expect(listRuns(store, 10).runs).toMatchObject([{ id: 1, source: 'cli', passed: 14, failed: 0, errors: 0 }]);
    const first = listScenarios(store, { limit: 1, offset: 0 }).items[0];
    expect(first?.lastRun).toMatchObject({ runId: 1, status: 'passed' });
    expect(scenarioHistory(store, first?.id ?? 0, 10).runs).toHaveLength(1);
    store.close();
  });

  it('runs only the scenarios with a tag (FLOWBENCH_DB names the library)', async () => {
    const { dir, db } = await library();
    const run = await cli(['run', '--db', '--tag', 'refund', '--reporter', 'json'], dir, { FLOWBENCH_DB: db });
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as { summary: { passed: number }; scenarios: { file: string }[] };
    expect(results.summary.passed).toBe(4);
    expect(new Set(results.scenarios.map((s) => s.file))).toEqual(new Set(['scenarios/refund-chat.scenario.yaml']));
    const store = Store.open(db);
    expect(listRuns(store, 10).runs).toMatchObject([{ passed: 4, filter: { tag: ['refund'] } }]);
    store.close();
  });

  it('exits 2 without paths or --db, and 1 naming the file when the library cannot be opened', async () => {
    const dir = tempDir();
    const none = await cli(['run'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--db');
    writeFileSync(join(dir, 'junk.db'), 'junk');
    const junk = await cli(['run', '--db', 'junk.db'], dir);
    expect(junk.code).toBe(1);
    expect(junk.stderr).toContain(join(dir, 'junk.db'));
    expect(readFileSync(join(dir, 'junk.db'), 'utf8')).toBe('junk');
  });
});
