import { z } from 'zod';
import { Channel } from '../api/formats/flow';
import { insertedId, parseRow, parseRows } from './rows';
import type { Statements } from './statements';

export const FlowRow = z.object({
  id: z.number().int(),
  path: z.string(),
  name: z.string(),
  channel: Channel,
  sha256: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  /** Scenarios that run it. */
  scenarios: z.number().int(),
});
export type FlowRow = z.infer<typeof FlowRow>;

export const FlowRowWithBody = FlowRow.extend({ body: z.string() });
export type FlowRowWithBody = z.infer<typeof FlowRowWithBody>;

export interface FlowWrite {
  name: string;
  channel: Channel;
  /** The flow as written, JSON. */
  body: string;
  sha256: string;
}

/** The `flows` table. */
export class FlowsRepo {
  constructor(private readonly sql: Statements) {}

  insert(path: string, flow: FlowWrite, now: string): number {
    return insertedId(this.sql.get('flows.insert').run({ path, ...flow, now }));
  }

  update(id: number, flow: FlowWrite, now: string): void {
    this.sql.get('flows.update').run({ id, ...flow, now });
  }

  byId(id: number): FlowRowWithBody | undefined {
    const row = this.sql.get('flows.byId').get(id);
    return row === undefined ? undefined : parseRow(FlowRowWithBody, row, `flow ${id}`);
  }

  byPath(path: string): FlowRowWithBody | undefined {
    const row = this.sql.get('flows.byPath').get(path);
    return row === undefined ? undefined : parseRow(FlowRowWithBody, row, `flow ${path}`);
  }

  list(text: string | null, limit: number, offset: number): { total: number; rows: FlowRow[] } {
    const total = Number(this.sql.get('flows.count').pluck().get({ text }));
    return { total, rows: parseRows(FlowRow, this.sql.get('flows.list').all({ text, limit, offset }), 'flow') };
  }

  all(): FlowRowWithBody[] {
    return parseRows(FlowRowWithBody, this.sql.get('flows.all').all(), 'flow');
  }

  paths(): Set<string> {
    return new Set(parseRows(z.string(), this.sql.get('flows.paths').pluck().all(), 'flow path'));
  }

  delete(id: number): void {
    this.sql.get('flows.delete').run(id);
  }
}
