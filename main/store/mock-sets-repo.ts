import { z } from 'zod';
import type { DocumentRepo, DocumentTable } from './document-repo';

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
export type MockSetsRepo = DocumentRepo<MockSetRow, MockSetRowWithBody, MockSetWrite>;

export const MOCK_SETS_TABLE: DocumentTable<MockSetRow, MockSetRowWithBody> = {
  statements: 'mockSets',
  noun: 'mock set',
  row: MockSetRow,
  withBody: MockSetRowWithBody,
};
