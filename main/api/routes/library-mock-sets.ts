import { z } from 'zod';
import type { MocksFileInput } from '../formats/mocks';
import { defineRoute } from '../route';
import { LibraryPath } from './library-files';
import { ItemId, Paging } from './library-flows';

/** A mock set as written (defaults not filled in); validated by the host like a mocks file. */
export const MocksBody = z.custom<MocksFileInput>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), {
  message: 'expected a mock set (a flowbench.mocks/1 object)',
});

export const MockSetSummary = z.object({
  id: ItemId,
  /** Its library path (checked when written; outputs skip the path rules). */
  path: z.string(),
  /** The file's `name`, else its file name. */
  name: z.string(),
  routes: z.number().int(),
  scenarios: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MockSetSummary = z.infer<typeof MockSetSummary>;

export const MockSetRecord = MockSetSummary.extend({ mocks: MocksBody });
export type MockSetRecord = z.infer<typeof MockSetRecord>;

export const mockSetsList = defineRoute({
  name: 'mockSets.list',
  summary: 'Mock sets in the library, by path; `text` matches name or path (case-insensitive).',
  input: z.object({ text: z.string().optional(), ...Paging }).strict().default({ limit: 500, offset: 0 }),
  output: z.object({ total: z.number().int(), items: z.array(MockSetSummary) }),
});

export const mockSetsGet = defineRoute({
  name: 'mockSets.get',
  summary: 'One mock set of the library, as written.',
  input: z.object({ id: ItemId }).strict(),
  output: MockSetRecord,
});

export const mockSetsCreate = defineRoute({
  name: 'mockSets.create',
  summary: 'Adds a mock set, checked like a mocks file; the path defaults to mocks/<name>.mocks.yaml.',
  input: z.object({ path: LibraryPath.optional(), mocks: MocksBody }).strict(),
  output: MockSetRecord,
});

export const mockSetsUpdate = defineRoute({
  name: 'mockSets.update',
  summary: 'Replaces a mock set; refused when a scenario that uses it would no longer be valid.',
  input: z.object({ id: ItemId, mocks: MocksBody }).strict(),
  output: MockSetRecord,
});

export const mockSetsDelete = defineRoute({
  name: 'mockSets.delete',
  summary: 'Deletes a mock set no scenario uses.',
  input: z.object({ id: ItemId }).strict(),
  output: z.object({ id: ItemId }),
});
