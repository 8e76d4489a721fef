import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { importLibrary } from '../../../main/store/library-import';
import { Store } from '../../../main/store/store';
import { examplesDir, repoRoot } from '../../support/paths';
import { useTempDir } from './fixtures/temp-dir';

const tempDir = useTempDir();
const SCENARIOS = 5000;
const PER_FILE = 100;

/** A folder with one flow and 5,000 scenarios in 50 files. */
function bigSuite(dir: string): string {
  const root = join(dir, 'suite');
  mkdirSync(join(root, 'flows'), { recursive: true });
  mkdirSync(join(root, 'scenarios'), { recursive: true });
  writeFileSync(
    join(root, 'flows', 'hello.flow.json'),
    JSON.stringify({
      format: 'flowbench.flow/1',
      name: 'Hello',
      start: 'hi',
      modules: [
        { id: 'hi', type: 'say', text: 'Hello!', ports: { next: { to: 'bye', arrow: 'red' } } },
        { id: 'bye', type: 'end' },
      ],
    }),
  );
  for (let f = 0; f < SCENARIOS / PER_FILE; f++) {
    const scenarios = Array.from({ length: PER_FILE }, (_, i) => ({
      name: `scenario ${f * PER_FILE + i}`,
      tags: ['bulk', `group-${f}`],
      user: [{ say: `message ${i}` }],
      expect: [{ ends: 'end' }, { visits: ['hi', 'bye'] }, { says: 'Hello' }],
    }));
    writeFileSync(join(root, 'scenarios', `bulk-${f}.scenario.json`), JSON.stringify({ format: 'flowbench.scenario/1', flow: '../flows/hello.flow.json', scenarios }));
  }
  return root;
}

/** Runs the import in a child process and SIGKILLs it when a line of its output matches. */
function importAndKill(db: string, dir: string, pauseMs: number, killWhen: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'import-child.ts'), db, dir, String(pauseMs)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (killWhen.test(out)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(out);
      else reject(new Error(`the import child exited without being killed:\n${out}\n${err}`));
    });
  });
}

function inspect(db: string): { integrity: unknown; scenarios: unknown; flows: unknown } {
  const conn = new Database(db, { readonly: true });
  try {
    return {
      integrity: conn.pragma('integrity_check', { simple: true }),
      scenarios: conn.prepare('SELECT count(*) FROM scenarios').pluck().get(),
      flows: conn.prepare('SELECT count(*) FROM flows').pluck().get(),
    };
  } finally {
    conn.close();
  }
}

describe('an import killed with SIGKILL', () => {
  it('in the middle of writing 5,000 scenarios leaves a valid database without any of that import', async () => {
    const dir = tempDir();
    const db = join(dir, 'lib.db');
    const earlier = Store.open(db);
    await importLibrary(earlier, [examplesDir]);
    earlier.close();

    const out = await importAndKill(db, bigSuite(dir), 100, /writing 1000\/5000\n/);
    expect(out).toMatch(/writing 1000\/5000\n$/); // killed mid-transaction, a fifth of the way, before any commit
    expect(out).not.toContain('committed');
    expect(inspect(db)).toEqual({ integrity: 'ok', scenarios: 18, flows: 3 });

    // The library still works, and the same import now goes through in full.
    const store = Store.open(db);
    const summary = await importLibrary(store, [join(dir, 'suite')]);
    expect(summary.scenarios.created).toBe(SCENARIOS);
    expect(store.scenarios.count()).toBe(18 + SCENARIOS);
    store.close();
  });

  it('right after it committed keeps all of it', async () => {
    const dir = tempDir();
    const db = join(dir, 'lib.db');
    const out = await importAndKill(db, bigSuite(dir), 0, /committed \d+\n/);
    expect(out).toContain(`committed ${SCENARIOS}`);
    expect(inspect(db)).toEqual({ integrity: 'ok', scenarios: SCENARIOS, flows: 1 });
  });
});
