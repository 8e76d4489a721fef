import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli-harness';
import { examplesDir, repoRoot } from '../../support/paths';
import { useTempDir } from './fixtures/temp-dir';

const tempDir = useTempDir();

describe('flowbench import / export', () => {
  it('imports a folder, exports it, and a second import of the export changes nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'lib.db');
    const imported = await cli(['import', examplesDir, '--db', db], repoRoot);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`imported into ${db}`);
    expect(imported.stdout).toMatch(/scenarios: +14 new, 0 updated, 0 unchanged/);

    const exported = await cli(['export', 'out', '--db', db], dir);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('exported 10 files');
    const again = await cli(['import', 'out', '--json'], dir, { FLOWBENCH_DB: db });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ scenarios: { created: 0, unchanged: 14 } });
    expect((await cli(['export', 'out', '--db', db], dir)).stdout).toContain('(0 written, 10 unchanged)');
  });

  it('exits 2 and imports nothing when a file is invalid, naming file, line and path', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.scenario.yaml');
    writeFileSync(bad, 'format: flowbench.scenario/1\nname: x\nflow: ../nope.flow.yaml\nclock: sometimes\n');
    const run = await cli(['import', examplesDir, bad, '--db', join(dir, 'lib.db')], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nothing was imported');
    expect(run.stderr).toMatch(/bad\.scenario\.yaml:4:\d+ clock: /);
    expect((await cli(['export', 'out', '--db', join(dir, 'lib.db')], dir)).stdout).toContain('exported 0 files');
  });

  it('exits 1 with the file named when the database is not usable, and leaves it alone', async () => {
    const dir = tempDir();
    const db = join(dir, 'notes.db');
    writeFileSync(db, 'my notes');
    const run = await cli(['import', examplesDir, '--db', db], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(db);
    expect(run.stderr).toContain('left unchanged');
    expect(readFileSync(db, 'utf8')).toBe('my notes');
  });

  it('puts the library in FLOWBENCH_HOME when neither --db nor FLOWBENCH_DB is given', async () => {
    const home = tempDir();
    const run = await cli(['import', examplesDir], home, { FLOWBENCH_HOME: home });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(join(home, 'flowbench.db'));
  });
});
