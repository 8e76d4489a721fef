import { z } from 'zod';
import { ScenarioStatus } from '../api/formats/results';
import { ScenarioSummary } from '../api/routes/library-scenarios';
import type { LastRun } from '../api/routes/library-scenarios';
import { insertedId, parseJsonColumn, parseRow, parseRows } from './rows';
import type { Statements } from './statements';

const Tags = z.array(z.string());

const SummaryRow = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  file: z.string(),
  position: z.number().int(),
  tags: z.string(),
  flow_id: z.number().int().nullable(),
  flow_name: z.string(),
  mocks_id: z.number().int().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  last_run_id: z.number().int().nullable(),
  last_result_id: z.number().int().nullable(),
  last_status: ScenarioStatus.nullable(),
  last_started_at: z.string().nullable(),
});
type SummaryRow = z.infer<typeof SummaryRow>;

const FullRow = SummaryRow.extend({
  file_id: z.number().int(),
  body: z.string(),
  own_flow_id: z.number().int().nullable(),
  own_mocks_id: z.number().int().nullable(),
});

/** One scenario as listed: where it is, its tags, flow and last result. */
export interface ScenarioListRow {
  id: number;
  name: string;
  description: string | null;
  file: string;
  position: number;
  tags: string[];
  flowId: number | null;
  flowName: string;
  mocksId: number | null;
  createdAt: string;
  updatedAt: string;
  lastRun: LastRun | null;
}

/** A scenario with what it needs to be edited, exported or run. */
export interface ScenarioRow extends ScenarioListRow {
  fileId: number;
  /** JSON of the scenario as written, without `flow`/`mocks` when they point at library files. */
  body: string;
  ownFlowId: number | null;
  ownMocksId: number | null;
}

export interface ScenarioWrite {
  position: number;
  name: string;
  body: string;
  ownFlowId: number | null;
  ownMocksId: number | null;
  /** The flow and mock set it runs with (its own, else its file's); null when written inline. */
  flowId: number | null;
  mocksId: number | null;
  description: string | null;
  tags: readonly string[];
  flowName: string;
  searchText: string;
}

export interface ScenarioFilter {
  text: string | null;
  name: string | null;
  tag: string | null;
  flowId: number | null;
  mockSetId: number | null;
  file: string | null;
}

/** The `scenarios` and `scenario_tags` tables. */
export class ScenariosRepo {
  constructor(private readonly sql: Statements) {}

  insert(fileId: number, scenario: ScenarioWrite, now: string): number {
    const id = insertedId(this.sql.get('scenarios.insert').run({ fileId, ...this.params(scenario), now }));
    this.setTags(id, scenario.tags);
    return id;
  }

  update(id: number, scenario: ScenarioWrite, now: string): void {
    this.sql.get('scenarios.update').run({ id, ...this.params(scenario), now });
    this.setTags(id, scenario.tags);
  }

  move(id: number, position: number): void {
    this.sql.get('scenarios.move').run({ id, position });
  }

  setFlowName(id: number, flowName: string, searchText: string): void {
    this.sql.get('scenarios.setFlowName').run({ id, flowName, searchText });
  }

  byId(id: number): ScenarioRow | undefined {
    const row = this.sql.get('scenarios.byId').get(id);
    return row === undefined ? undefined : this.full(row);
  }

  inFile(fileId: number): ScenarioRow[] {
    return this.sql.get('scenarios.inFile').all(fileId).map((row) => this.full(row));
  }

  /** Scenarios that run this flow (their own or their file's). */
  usingFlow(flowId: number): ScenarioRow[] {
    return this.sql.get('scenarios.usingFlow').all(flowId).map((row) => this.full(row));
  }

  usingMocks(mocksId: number): ScenarioRow[] {
    return this.sql.get('scenarios.usingMocks').all(mocksId).map((row) => this.full(row));
  }

  /**
   * A page of the list, as the API lists it. Rows come as arrays (no object per row from
   * SQLite), become summaries and are checked with one parse of the page: listing 10,000
   * scenarios is a hot path, and every copy of 10,000 objects costs garbage collection.
   */
  search(filter: ScenarioFilter, limit: number, offset: number): { total: number; items: ScenarioSummary[] } {
    const total = Number(this.sql.get('scenarios.count').pluck().get(filter));
    const statement = this.sql.get('scenarios.search');
    let raw: unknown[];
    try {
      raw = statement.raw(true).all({ ...filter, limit, offset });
    } finally {
      statement.raw(false);
    }
    const items = parseRow(ScenarioSummaries, raw.map(summaryOf(statement.columns().map((c) => c.name))), 'scenario list');
    return { total, items };
  }

  /** Ids only, in list order: what a run of a filtered set needs. */
  searchIds(filter: ScenarioFilter, limit: number): number[] {
    return parseRows(z.number().int(), this.sql.get('scenarios.searchIds').pluck().all({ ...filter, limit, offset: 0 }), 'scenario id');
  }

  count(): number {
    return Number(this.sql.get('scenarios.countAll').pluck().get());
  }

  delete(id: number): void {
    this.sql.get('scenarios.delete').run(id);
  }

  tagCounts(): { tag: string; scenarios: number }[] {
    return parseRows(z.object({ tag: z.string(), scenarios: z.number().int() }), this.sql.get('tags.counts').all(), 'tag');
  }

  private setTags(id: number, tags: readonly string[]): void {
    this.sql.get('tags.clear').run(id);
    const add = this.sql.get('tags.add');
    for (const tag of tags) add.run(id, tag);
  }

  private params(s: ScenarioWrite): Record<string, unknown> {
    return { ...s, tags: JSON.stringify(s.tags) };
  }

  private summaryOf(row: SummaryRow): ScenarioListRow {
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      file: row.file,
      position: row.position,
      tags: parseJsonColumn(Tags, row.tags, `tags of scenario ${row.id}`),
      flowId: row.flow_id,
      flowName: row.flow_name,
      mocksId: row.mocks_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      lastRun: lastRunOf(row),
    };
  }

  private full(raw: unknown): ScenarioRow {
    const row = parseRow(FullRow, raw, 'scenario');
    return {
      ...this.summaryOf(row),
      fileId: row.file_id,
      body: row.body,
      ownFlowId: row.own_flow_id,
      ownMocksId: row.own_mocks_id,
    };
  }
}

const ScenarioSummaries = z.array(ScenarioSummary);

/** Reads a row of `scenarios.search` (an array, in the order of `columns`) as a summary, unchecked. */
function summaryOf(columns: readonly string[]): (row: unknown) => Record<keyof ScenarioSummary, unknown> {
  const at = (name: keyof SummaryRow): number => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`scenarios.search has no column ${name}`);
    return i;
  };
  const c = {
    id: at('id'), name: at('name'), description: at('description'), file: at('file'), position: at('position'), tags: at('tags'),
    flowId: at('flow_id'), flowName: at('flow_name'), mocksId: at('mocks_id'), createdAt: at('created_at'), updatedAt: at('updated_at'),
    runId: at('last_run_id'), resultId: at('last_result_id'), status: at('last_status'), startedAt: at('last_started_at'),
  };
  return (row) => {
    const r: readonly unknown[] = Array.isArray(row) ? row : [];
    const resultId = r[c.resultId] ?? null;
    return {
      id: r[c.id],
      name: r[c.name],
      description: r[c.description],
      file: r[c.file],
      index: r[c.position],
      tags: jsonOrText(r[c.tags]),
      flow: { id: r[c.flowId], name: r[c.flowName] },
      mockSetId: r[c.mocksId],
      lastRun: resultId === null ? null : { runId: r[c.runId], resultId, status: r[c.status], startedAt: r[c.startedAt] },
      createdAt: r[c.createdAt],
      updatedAt: r[c.updatedAt],
    };
  };
}

/** A JSON column's value; text that is not JSON stays text, and the schema then says it is wrong. */
function jsonOrText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function lastRunOf(row: SummaryRow): LastRun | null {
  if (row.last_run_id === null || row.last_result_id === null || row.last_status === null || row.last_started_at === null) return null;
  return { runId: row.last_run_id, resultId: row.last_result_id, status: row.last_status, startedAt: row.last_started_at };
}
