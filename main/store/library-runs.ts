import type { ScenarioResult } from '../api/formats/results';
import type { HistoryEntry, RunComparison, RunSummary, StoredResult } from '../api/routes/library-runs';
import type { ScenarioQuery } from '../api/routes/library-scenarios';
import { scenarioFilter } from './library-scenarios';
import { compareChecks, comparePorts } from './run-comparison';
import { StoreError } from './store-error';
import type { Store } from './store';
import { LibraryReader } from './stored-scenarios';
import type { StoredScenario } from './stored-scenarios';

export interface RecordedResult {
  /** The library scenario it ran; null for one that came from a file. */
  scenarioId: number | null;
  result: ScenarioResult;
  flowSha256: string | null;
  mocksSha256: string | null;
}

export interface RunRecord {
  startedAt: string;
  finishedAt: string;
  /** Who ran it: `cli`, `workbench`, … */
  source: string;
  /** The filter that chose the scenarios, as given. */
  filter: Record<string, unknown>;
  results: readonly RecordedResult[];
}

/** Library scenarios by id, or all that match a query (list order), ready to run. */
export function selectStoredScenarios(store: Store, selection: { ids?: readonly number[] | undefined } & Partial<ScenarioQuery>): StoredScenario[] {
  return store.read(() => {
    const reader = new LibraryReader(store);
    const ids = selection.ids ?? store.scenarios.searchIds(scenarioFilter(selection), selection.limit ?? 100_000);
    return ids.map((id) => {
      const row = store.scenarios.byId(id);
      if (row === undefined) throw new StoreError('not_found', `no scenario ${id} in the library`);
      return reader.scenario(row);
    });
  });
}

/** Saves a run and its results in one transaction; returns the run. */
export function recordRun(store: Store, run: RunRecord): { run: RunSummary; resultIds: number[] } {
  const counts = { passed: 0, failed: 0, errors: 0 };
  for (const { result } of run.results) {
    if (result.status === 'passed') counts.passed++;
    else if (result.status === 'failed') counts.failed++;
    else counts.errors++;
  }
  const { id, resultIds } = store.transaction(() => {
    const runId = store.runs.insertRun({ startedAt: run.startedAt, finishedAt: run.finishedAt, source: run.source, filter: run.filter }, counts);
    return { id: runId, resultIds: run.results.map((r) => store.runs.insertResult(runId, r)) };
  });
  const saved = store.runs.byId(id);
  if (saved === undefined) throw new StoreError('corrupt', `run ${id} was not saved`);
  return { run: saved, resultIds };
}

export function listRuns(store: Store, limit: number): { runs: RunSummary[] } {
  return { runs: store.runs.list(limit) };
}

export function getResult(store: Store, id: number): StoredResult {
  const result = store.runs.result(id);
  if (result === undefined) throw new StoreError('not_found', `no stored result ${id}`);
  return result;
}

/** A scenario's results over time, newest first, with pass/fail totals. */
export function scenarioHistory(store: Store, scenarioId: number, limit: number): { scenario: { id: number; name: string; file: string }; runs: HistoryEntry[]; totals: { passed: number; failed: number; errors: number } } {
  return store.read(() => {
    const row = store.scenarios.byId(scenarioId);
    if (row === undefined) throw new StoreError('not_found', `no scenario ${scenarioId} in the library`);
    return { scenario: { id: row.id, name: row.name, file: row.file }, runs: store.runs.history(scenarioId, limit), totals: store.runs.totals(scenarioId) };
  });
}

/** Two runs of one scenario side by side: which checks and which port choices changed. */
export function compareRuns(store: Store, input: { scenarioId: number; before: number; after: number; name?: string | undefined }): RunComparison {
  return store.read(() => {
    const row = store.scenarios.byId(input.scenarioId);
    if (row === undefined) throw new StoreError('not_found', `no scenario ${input.scenarioId} in the library`);
    const side = (runId: number): { result: StoredResult; entry: HistoryEntry } => {
      const result = store.runs.resultOfRun(runId, input.scenarioId, input.name ?? null);
      if (result === undefined) {
        throw new StoreError('not_found', `run ${runId} has no result for scenario ${input.scenarioId} (${row.name})${input.name !== undefined ? ` named '${input.name}'` : ''}`);
      }
      const entry = store.runs.historyEntry(result.id);
      if (entry === undefined) throw new StoreError('not_found', `no stored result ${result.id}`);
      return { result, entry };
    };
    const before = side(input.before);
    const after = side(input.after);
    const checks = compareChecks(before.result.checks, after.result.checks);
    const ports = comparePorts(before.result.trace, after.result.trace);
    const sameHash = (a: string | null, b: string | null): boolean | null => (a === null || b === null ? null : a !== b);
    return {
      scenario: { id: row.id, name: row.name, file: row.file },
      before: before.entry,
      after: after.entry,
      statusChanged: before.entry.status !== after.entry.status,
      flowChanged: sameHash(before.entry.flowSha256, after.entry.flowSha256),
      mocksChanged: sameHash(before.entry.mocksSha256, after.entry.mocksSha256),
      checks,
      ports,
      changedChecks: checks.filter((c) => c.change !== 'same').length,
      changedPorts: ports.filter((p) => p.change !== 'same').length,
    };
  });
}
