import { z } from 'zod';
import { insertedId, parseRow, parseRows } from './rows';
import type { Statements } from './statements';

export const ScenarioLayout = z.enum(['single', 'list']);
export type ScenarioLayout = z.infer<typeof ScenarioLayout>;

export const ScenarioFileRow = z.object({
  id: z.number().int(),
  path: z.string(),
  /** `single`: the file is one scenario; `list`: its scenarios are under `scenarios:`. */
  layout: ScenarioLayout,
  /** JSON of the top-level settings, without `flow`/`mocks` when they point at library files. */
  settings: z.string(),
  flow_id: z.number().int().nullable(),
  mocks_id: z.number().int().nullable(),
});
export type ScenarioFileRow = z.infer<typeof ScenarioFileRow>;

export interface ScenarioFileWrite {
  layout: ScenarioLayout;
  settings: string;
  flowId: number | null;
  mocksId: number | null;
}

/** The `scenario_files` table: how scenarios are grouped into files, and the settings at the top of each. */
export class ScenarioFilesRepo {
  constructor(private readonly sql: Statements) {}

  insert(path: string, file: ScenarioFileWrite, now: string): number {
    return insertedId(this.sql.get('scenarioFiles.insert').run({ path, ...file, now }));
  }

  update(id: number, file: ScenarioFileWrite, now: string): void {
    this.sql.get('scenarioFiles.update').run({ id, ...file, now });
  }

  byId(id: number): ScenarioFileRow | undefined {
    const row = this.sql.get('scenarioFiles.byId').get(id);
    return row === undefined ? undefined : parseRow(ScenarioFileRow, row, `scenario file ${id}`);
  }

  byPath(path: string): ScenarioFileRow | undefined {
    const row = this.sql.get('scenarioFiles.byPath').get(path);
    return row === undefined ? undefined : parseRow(ScenarioFileRow, row, `scenario file ${path}`);
  }

  all(): ScenarioFileRow[] {
    return parseRows(ScenarioFileRow, this.sql.get('scenarioFiles.all').all(), 'scenario file');
  }

  paths(): Set<string> {
    return new Set(parseRows(z.string(), this.sql.get('scenarioFiles.paths').pluck().all(), 'scenario file path'));
  }

  /** Scenario files whose top-level `flow:` (or `mocks:`) is this library item. */
  usingFlow(flowId: number): string[] {
    return parseRows(z.string(), this.sql.get('scenarioFiles.usingFlow').pluck().all(flowId), 'scenario file path');
  }

  usingMocks(mocksId: number): string[] {
    return parseRows(z.string(), this.sql.get('scenarioFiles.usingMocks').pluck().all(mocksId), 'scenario file path');
  }

  delete(id: number): void {
    this.sql.get('scenarioFiles.delete').run(id);
  }
}
