import { z } from 'zod';
import { ScenarioResult, ScenarioStatus } from '../api/formats/results';
import { EndState } from '../api/formats/scenario';
import type { HistoryEntry, RunSummary, StoredResult } from '../api/routes/library-runs';
import { insertedId, parseJsonColumn, parseRow, parseRows } from './rows';
import type { Statements } from './statements';

const RunRow = z.object({
  id: z.number().int(),
  started_at: z.string(),
  finished_at: z.string(),
  source: z.string(),
  filter: z.string(),
  passed: z.number().int(),
  failed: z.number().int(),
  errors: z.number().int(),
});

const ResultRow = z.object({
  id: z.number().int(),
  run_id: z.number().int(),
  scenario_id: z.number().int().nullable(),
  started_at: z.string(),
  name: z.string(),
  file: z.string(),
  status: ScenarioStatus,
  end_state: EndState,
  end_reason: z.string().nullable(),
  virtual_ms: z.number(),
  wall_ms: z.number(),
  checks: z.string(),
  detail: z.string(),
  trace: z.string(),
  flow_sha256: z.string().nullable(),
  mocks_sha256: z.string().nullable(),
});

const HistoryRow = z.object({
  id: z.number().int(),
  run_id: z.number().int(),
  started_at: z.string(),
  name: z.string(),
  status: ScenarioStatus,
  end_state: EndState,
  end_reason: z.string().nullable(),
  virtual_ms: z.number(),
  wall_ms: z.number(),
  checks_passed: z.number().int(),
  checks_total: z.number().int(),
  flow_sha256: z.string().nullable(),
  mocks_sha256: z.string().nullable(),
});

export interface RunWrite {
  startedAt: string;
  finishedAt: string;
  source: string;
  filter: Record<string, unknown>;
}

export interface ResultWrite {
  /** The library scenario it ran (null for a scenario that came from a file). */
  scenarioId: number | null;
  result: ScenarioResult;
  flowSha256: string | null;
  mocksSha256: string | null;
}

/** The `runs` and `run_results` tables. Checks, path and trace are stored as compact JSON text. */
export class RunsRepo {
  constructor(private readonly sql: Statements) {}

  insertRun(run: RunWrite, counts: { passed: number; failed: number; errors: number }): number {
    return insertedId(this.sql.get('runs.insert').run({ ...run, filter: JSON.stringify(run.filter), ...counts }));
  }

  insertResult(runId: number, write: ResultWrite): number {
    const { name, file, status, endState, endReason, virtualMs, wallMs, checks, trace, ...detail } = write.result;
    return insertedId(
      this.sql.get('results.insert').run({
        runId,
        scenarioId: write.scenarioId,
        name,
        file,
        status,
        endState,
        endReason: endReason ?? null,
        virtualMs,
        wallMs,
        checks: JSON.stringify(checks),
        detail: JSON.stringify(detail),
        trace: JSON.stringify(trace),
        flowSha256: write.flowSha256,
        mocksSha256: write.mocksSha256,
      }),
    );
  }

  list(limit: number): RunSummary[] {
    return parseRows(RunRow, this.sql.get('runs.list').all(limit), 'run').map(runSummary);
  }

  byId(id: number): RunSummary | undefined {
    const row = this.sql.get('runs.byId').get(id);
    return row === undefined ? undefined : runSummary(parseRow(RunRow, row, `run ${id}`));
  }

  result(id: number): StoredResult | undefined {
    const row = this.sql.get('results.byId').get(id);
    return row === undefined ? undefined : storedResult(row);
  }

  /** The result a run holds for a scenario (the first, or the one of this name: a data-driven scenario has one per row). */
  resultOfRun(runId: number, scenarioId: number, name: string | null = null): StoredResult | undefined {
    const row = this.sql.get('results.ofRun').get({ runId, scenarioId, name });
    return row === undefined ? undefined : storedResult(row);
  }

  history(scenarioId: number, limit: number): HistoryEntry[] {
    return parseRows(HistoryRow, this.sql.get('results.history').all({ scenarioId, limit }), 'run result').map(historyEntry);
  }

  historyEntry(resultId: number): HistoryEntry | undefined {
    const row = this.sql.get('results.historyEntry').get(resultId);
    return row === undefined ? undefined : historyEntry(parseRow(HistoryRow, row, `run result ${resultId}`));
  }

  totals(scenarioId: number): { passed: number; failed: number; errors: number } {
    const rows = parseRows(z.object({ status: ScenarioStatus, n: z.number().int() }), this.sql.get('results.totals').all(scenarioId), 'run totals');
    const count = (status: ScenarioStatus): number => rows.find((r) => r.status === status)?.n ?? 0;
    return { passed: count('passed'), failed: count('failed'), errors: count('error') };
  }
}

function runSummary(row: z.infer<typeof RunRow>): RunSummary {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    source: row.source,
    filter: parseJsonColumn(z.record(z.string(), z.unknown()), row.filter, `filter of run ${row.id}`),
    passed: row.passed,
    failed: row.failed,
    errors: row.errors,
  };
}

function historyEntry(row: z.infer<typeof HistoryRow>): HistoryEntry {
  return {
    runId: row.run_id,
    resultId: row.id,
    startedAt: row.started_at,
    name: row.name,
    status: row.status,
    endState: row.end_state,
    endReason: row.end_reason,
    virtualMs: row.virtual_ms,
    wallMs: row.wall_ms,
    checks: { passed: row.checks_passed, failed: row.checks_total - row.checks_passed },
    flowSha256: row.flow_sha256,
    mocksSha256: row.mocks_sha256,
  };
}

function storedResult(raw: unknown): StoredResult {
  const row = parseRow(ResultRow, raw, 'run result');
  const what = `run result ${row.id}`;
  // Columns for what is queried, JSON for the rest (`detail`: clock, seed, contexts, path, …).
  const result = parseRow(
    ScenarioResult,
    {
      ...parseJsonColumn(z.record(z.string(), z.unknown()), row.detail, what),
      name: row.name,
      file: row.file,
      status: row.status,
      endState: row.end_state,
      ...(row.end_reason === null ? {} : { endReason: row.end_reason }),
      virtualMs: row.virtual_ms,
      wallMs: row.wall_ms,
      checks: parseJsonColumn(z.unknown(), row.checks, what),
      trace: parseJsonColumn(z.unknown(), row.trace, what),
    },
    what,
  );
  return {
    ...result,
    id: row.id,
    runId: row.run_id,
    scenarioId: row.scenario_id,
    startedAt: row.started_at,
    flowSha256: row.flow_sha256,
    mocksSha256: row.mocks_sha256,
  };
}
