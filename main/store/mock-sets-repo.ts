import { z } from 'zod';
import { insertedId, parseRow, parseRows } from './rows';
import type { Statements } from './statements';

export const MockSetRow = z.object({
  id: z.number().int(),
  path: z.string(),
  name: z.string(),
  route_count: z.number().int(),
  sha256: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  scenarios: z.number().int(),
});
export type MockSetRow = z.infer<typeof MockSetRow>;

export const MockSetRowWithBody = MockSetRow.extend({ body: z.string() });
export type MockSetRowWithBody = z.infer<typeof MockSetRowWithBody>;

export interface MockSetWrite {
  name: string;
  routeCount: number;
  /** The mock set as written, JSON. */
  body: string;
  sha256: string;
}

/** The `mock_sets` table. */
export class MockSetsRepo {
  constructor(private readonly sql: Statements) {}

  insert(path: string, mocks: MockSetWrite, now: string): number {
    return insertedId(this.sql.get('mockSets.insert').run({ path, ...mocks, now }));
  }

  update(id: number, mocks: MockSetWrite, now: string): void {
    this.sql.get('mockSets.update').run({ id, ...mocks, now });
  }

  byId(id: number): MockSetRowWithBody | undefined {
    const row = this.sql.get('mockSets.byId').get(id);
    return row === undefined ? undefined : parseRow(MockSetRowWithBody, row, `mock set ${id}`);
  }

  byPath(path: string): MockSetRowWithBody | undefined {
    const row = this.sql.get('mockSets.byPath').get(path);
    return row === undefined ? undefined : parseRow(MockSetRowWithBody, row, `mock set ${path}`);
  }

  list(text: string | null, limit: number, offset: number): { total: number; rows: MockSetRow[] } {
    const total = Number(this.sql.get('mockSets.count').pluck().get({ text }));
    return { total, rows: parseRows(MockSetRow, this.sql.get('mockSets.list').all({ text, limit, offset }), 'mock set') };
  }

  all(): MockSetRowWithBody[] {
    return parseRows(MockSetRowWithBody, this.sql.get('mockSets.all').all(), 'mock set');
  }

  paths(): Set<string> {
    return new Set(parseRows(z.string(), this.sql.get('mockSets.paths').pluck().all(), 'mock set path'));
  }

  delete(id: number): void {
    this.sql.get('mockSets.delete').run(id);
  }
}
