/**
 * bench/store: the SQLite scenario library. Imports 10,000 scenarios (goal < 2 s), lists and
 * searches them (goal < 50 ms), stores 1,000 run results with their traces, exports the lot.
 * Every figure is printed; a missed goal is marked but does not fail the run. Next to each
 * wall time is the CPU time the process used meanwhile: on a shared, busy machine the wall
 * time includes waiting for a core, the CPU time much less so.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { stringify } from 'yaml';
import { FileLoader } from '../../main/formats/file-loader';
import { createHost } from '../../main/host/host';
import { exportLibrary } from '../../main/store/library-export';
import { importLibrary } from '../../main/store/library-import';
import type { ImportProgress } from '../../main/store/import-plan';
import { recordRun, scenarioHistory } from '../../main/store/library-runs';
import type { RecordedResult } from '../../main/store/library-runs';
import { listScenarios } from '../../main/store/library-scenarios';
import { Store } from '../../main/store/store';
import { runScenario } from '../../main/scenario/run-scenario';

const root = join(import.meta.dirname, '..', '..');
const SCENARIOS = 10_000;
const PER_FILE = 100;
const RESULTS = 1_000;

const work = mkdtempSync(join(tmpdir(), 'flowbench-bench-store-'));
const rows: [string, string, string, string][] = [];

function report(what: string, ms: number, goalMs?: number, cpuMs?: number): void {
  const mark = goalMs === undefined ? '' : ms < goalMs ? `goal < ${goalMs} ms ✓` : `goal < ${goalMs} ms ✗ MISSED`;
  rows.push([what, `${ms.toFixed(1)} ms`, cpuMs === undefined ? '' : `cpu ${cpuMs.toFixed(1)} ms`, mark]);
}

function note(what: string, value: string): void {
  rows.push([what, value, '', '']);
}

/** Wall and CPU time (user + system, this process) of one call. */
async function measure<T>(fn: () => T | Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await fn();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** Bytes of the pages the database uses (the WAL included, as SQLite sees it). */
function databaseBytes(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true }));
  } finally {
    db.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timeMedian(fn: () => unknown, times = 15): number {
  return timeMedians(fn, times).wallMs;
}

/** Median wall and CPU times of `times` calls, after one to warm up. */
function timeMedians(fn: () => unknown, times = 15): { wallMs: number; cpuMs: number } {
  fn(); // warm up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < times; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

/** 10,000 scenarios of the examples' order-status flow, in 100 files, as YAML or JSON. */
function writeSuite(kind: 'yaml' | 'json'): string {
  const dir = join(work, `suite-${kind}`);
  mkdirSync(join(dir, 'flows'), { recursive: true });
  mkdirSync(join(dir, 'mocks'), { recursive: true });
  mkdirSync(join(dir, 'scenarios'), { recursive: true });
  writeFileSync(join(dir, 'flows', 'order-status.flow.yaml'), readFileSync(join(root, 'examples', 'flows', 'order-status.flow.yaml')));
  writeFileSync(join(dir, 'mocks', 'shop.mocks.yaml'), readFileSync(join(root, 'examples', 'mocks', 'shop.mocks.yaml')));
  for (let f = 0; f < SCENARIOS / PER_FILE; f++) {
    const scenarios = Array.from({ length: PER_FILE }, (_, i) => {
      const n = f * PER_FILE + i;
      return {
        name: `order ${n}: latency ${100 + (n % 60) * 100} ms`,
        tags: ['bench', `latency-${n % 10}`],
        overrides: { order_status: { latency: { fixed: 100 + (n % 60) * 100 } } },
        user: [{ say: `It's ${10000 + n}`, afterMs: 400 }],
        expect: [{ ends: 'end' }, { visits: ['lookup', 'check'] }, { requests: { endpoint: 'order_status', count: 1 } }],
      };
    });
    const file = { format: 'flowbench.scenario/1', flow: '../flows/order-status.flow.yaml', mocks: '../mocks/shop.mocks.yaml', seed: f, scenarios };
    const name = join(dir, 'scenarios', `bulk-${String(f).padStart(3, '0')}.scenario.${kind}`);
    writeFileSync(name, kind === 'yaml' ? stringify(file) : JSON.stringify(file));
  }
  return dir;
}

async function timedImport(db: string, dir: string): Promise<{ store: Store; total: number; cpu: number; phases: Record<string, number> }> {
  const store = Store.open(db);
  const marks: Partial<Record<ImportProgress['phase'], number>> = {};
  const started = performance.now();
  const { wallMs: total, cpuMs: cpu } = await measure(() =>
    importLibrary(store, [dir], {
      onProgress: (p) => {
        marks[p.phase] ??= performance.now();
      },
    }),
  );
  const checking = marks.checking ?? started;
  const writing = marks.writing ?? checking;
  const done = marks.done ?? performance.now();
  return { store, total, cpu, phases: { read: checking - started, check: writing - checking, write: done - writing } };
}

async function main(): Promise<void> {
  process.stdout.write(`store bench: ${SCENARIOS.toLocaleString('en')} scenarios in ${SCENARIOS / PER_FILE} files, ${RESULTS.toLocaleString('en')} results (temp: ${work})\n`);

  // Import, YAML and JSON, each into a fresh file.
  const yamlDir = writeSuite('yaml');
  const jsonDir = writeSuite('json');
  const yaml = await timedImport(join(work, 'yaml.db'), yamlDir);
  yaml.store.close();
  report(`import ${SCENARIOS} scenarios from YAML (end to end)`, yaml.total, 2000, yaml.cpu);
  report('  of which: read + parse YAML', yaml.phases['read'] ?? 0);
  report('  of which: check (schemas, cross-checks)', yaml.phases['check'] ?? 0);
  report('  of which: write (one SQLite transaction)', yaml.phases['write'] ?? 0);
  const json = await timedImport(join(work, 'json.db'), jsonDir);
  report(`import ${SCENARIOS} scenarios from JSON (end to end)`, json.total, 2000, json.cpu);
  report('  of which: write (one SQLite transaction)', json.phases['write'] ?? 0);
  const store = json.store;
  const again = performance.now();
  const unchanged = await importLibrary(store, [jsonDir]);
  report(`re-import, nothing changed (${unchanged.scenarios.unchanged} unchanged)`, performance.now() - again);

  // List and search.
  const all = { limit: 10_000, offset: 0 };
  const listed = timeMedians(() => listScenarios(store, all));
  report(`list all ${store.scenarios.count()} scenarios (one page of 10,000)`, listed.wallMs, 50, listed.cpuMs);
  report('list the first page (500)', timeMedian(() => listScenarios(store, { limit: 500, offset: 0 })), 50);
  report("search text 'order 4242'", timeMedian(() => listScenarios(store, { ...all, text: 'order 4242' })), 50);
  report("search text 'latency 3000' (≈170 hits)", timeMedian(() => listScenarios(store, { ...all, text: 'latency 3000' })), 50);
  report("filter tag 'latency-7' (1,000 hits)", timeMedian(() => listScenarios(store, { ...all, tag: 'latency-7' })), 50);
  report("filter name 'ORDER 99' + tag 'bench'", timeMedian(() => listScenarios(store, { ...all, name: 'ORDER 99', tag: 'bench' })), 50);
  const host = createHost({ mode: 'cli', appRoot: root, name: 'flowbench', version: 'bench', dataDir: work, dbFile: join(work, 'json.db') });
  const viaHost: number[] = [];
  const viaHostCpu: number[] = [];
  for (let i = 0; i < 16; i++) {
    const { value: result, wallMs, cpuMs } = await measure(() => host.dispatch('scenarios.list', { limit: 10_000 }));
    viaHost.push(wallMs);
    viaHostCpu.push(cpuMs);
    if (!result.ok) throw new Error(result.error.message);
  }
  report('scenarios.list of 10,000 through host.dispatch (zod in and out)', median(viaHost.slice(1)), 50, median(viaHostCpu.slice(1)));
  await host.close();

  // 1,000 run results with traces: real traces from the examples.
  const loader = new FileLoader(join(root, 'examples'));
  const examples = [
    ...(await loader.loadScenarios('scenarios/order-status.scenario.yaml')),
    ...(await loader.loadScenarios('scenarios/order-status-blocking.scenario.yaml')),
    ...(await loader.loadScenarios('scenarios/refund-chat.scenario.yaml')),
  ];
  const ids = store.scenarios.searchIds({ text: null, name: null, tag: null, flowId: null, mockSetId: null, file: null }, RESULTS);
  const results: RecordedResult[] = ids.map((scenarioId, i) => ({
    scenarioId,
    result: runScenario(examples[i % examples.length] ?? examples[0]!),
    flowSha256: 'f'.repeat(64),
    mocksSha256: 'm'.repeat(64),
  }));
  const events = results.reduce((n, r) => n + r.result.trace.length, 0);
  const traceBytes = results.reduce((n, r) => n + JSON.stringify(r.result.trace).length, 0);
  const sizeBefore = databaseBytes(join(work, 'json.db'));
  const t = performance.now();
  const { run } = recordRun(store, { startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), source: 'bench', filter: {}, results });
  report(`store ${RESULTS} results with traces (${events.toLocaleString('en')} events, ${(traceBytes / 1e6).toFixed(1)} MB of JSON), one transaction`, performance.now() - t);
  note('  database growth (pages used)', `${((databaseBytes(join(work, 'json.db')) - sizeBefore) / 1e6).toFixed(1)} MB`);
  const firstId = ids[0] ?? 0;
  report('read one stored result with its trace (zod-checked)', timeMedian(() => store.runs.resultOfRun(run.id, firstId)));
  report("one scenario's history", timeMedian(() => scenarioHistory(store, firstId, 100)));
  report('list all scenarios with their last run', timeMedian(() => listScenarios(store, all)), 50);

  // Export.
  const e = performance.now();
  const exported = await exportLibrary(store, join(work, 'export'), join(work, 'schemas'));
  report(`export the library (${exported.files.length} files, YAML)`, performance.now() - e);
  store.close();

  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [what, value, cpu, goal] of rows) process.stdout.write(`${what.padEnd(width)}  ${value.padStart(10)}  ${cpu.padStart(15)}  ${goal}\n`);
  rmSync(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/store failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
