import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeImport } from '../../../main/store/import-writer';
import { importLibrary, planImport } from '../../../main/store/library-import';
import { listScenarios } from '../../../main/store/library-scenarios';
import { Store } from '../../../main/store/store';
import { examplesDir, repoRoot } from '../../support/paths';
import { useTempDir } from './fixtures/temp-dir';

const tempDir = useTempDir();

/** examples/ plus `copies` renamed copies of the order-status scenario file. */
function widerSuite(dir: string, copies: number): string {
  const root = join(dir, 'suite');
  cpSync(examplesDir, root, { recursive: true });
  const text = readFileSync(join(root, 'scenarios', 'order-status.scenario.yaml'), 'utf8');
  mkdirSync(join(root, 'scenarios', 'more'), { recursive: true });
  for (let i = 0; i < copies; i++) writeFileSync(join(root, 'scenarios', 'more', `copy-${i}.scenario.yaml`), text.replaceAll('../flows/', '../../flows/').replaceAll('../mocks/', '../../mocks/'));
  return root;
}

describe('a reader and a writer on one library (WAL)', () => {
  it('the reader keeps reading the last committed state while the writer is in the middle of a transaction', async () => {
    const dir = tempDir();
    const db = join(dir, 'lib.db');
    const writer = Store.open(db);
    await importLibrary(writer, [examplesDir]);
    const reader = Store.open(db);

    const plan = await planImport([widerSuite(dir, 20)]);
    const seen: number[] = [];
    writeImport(writer, plan, (progress) => {
      if (progress.phase !== 'writing') return;
      // Inside the writer's open transaction: the reader neither blocks nor sees half of it.
      seen.push(reader.scenarios.count());
      seen.push(listScenarios(reader, { limit: 10_000, offset: 0 }).total);
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([14]));
    expect(reader.scenarios.count()).toBe(14 + 20 * 6);
    writer.close();
    reader.close();
  });

  it('a reader snapshot stays stable while another connection commits', async () => {
    const dir = tempDir();
    const db = join(dir, 'lib.db');
    const writer = Store.open(db);
    const reader = Store.open(db);
    await importLibrary(writer, [examplesDir]);
    const suite = widerSuite(dir, 5);
    const plan = await planImport([suite]);
    const [inside, after] = reader.read(() => {
      const before = reader.scenarios.count();
      writeImport(writer, plan); // commits while the reader's transaction is open
      return [before, reader.scenarios.count()];
    });
    expect(inside).toBe(14);
    expect(after).toBe(14);
    expect(reader.scenarios.count()).toBe(14 + 5 * 6);
    writer.close();
    reader.close();
  });

  it('another process reads all the way through a long import in this one, never blocked, never half', async () => {
    const dir = tempDir();
    const db = join(dir, 'lib.db');
    const setup = Store.open(db);
    await importLibrary(setup, [examplesDir]);
    setup.close();
    const suite = widerSuite(dir, 50);

    const reader = Store.open(db);
    const counts: number[] = [];
    const duringWrite: number[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'import-child.ts'), db, suite, '40'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      while (!out.includes('committed')) {
        const writing = out.includes('writing');
        const count = reader.scenarios.count();
        counts.push(count);
        if (writing && !out.includes('committed')) duringWrite.push(count);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      counts.push(reader.scenarios.count());
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect(out).toContain('writing');
    expect(duringWrite.length).toBeGreaterThan(5); // read while the other process held its write transaction open
    expect(counts.every((n) => n === 14 || n === 14 + 50 * 6)).toBe(true);
    expect(counts.at(-1)).toBe(14 + 50 * 6);
    reader.close();
  });
});
