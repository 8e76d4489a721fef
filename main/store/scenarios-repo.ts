import { z } from 'zod';
import { ScenarioStatus } from '../api/formats/results';
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

  search(filter: ScenarioFilter, limit: number, offset: number): { total: number; rows: ScenarioListRow[] } {
    const total = Number(this.sql.get('scenarios.count').pluck().get(filter));
    const rows = this.sql.get('scenarios.search').all({ ...filter, limit, offset }).map((row) => this.summary(row));
    return { total, rows };
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

  private summary(raw: unknown): ScenarioListRow {
    return this.summaryOf(parseRow(SummaryRow, raw, 'scenario'));
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

function lastRunOf(row: SummaryRow): LastRun | null {
  if (row.last_run_id === null || row.last_result_id === null || row.last_status === null || row.last_started_at === null) return null;
  return { runId: row.last_run_id, resultId: row.last_result_id, status: row.last_status, startedAt: row.last_started_at };
}
