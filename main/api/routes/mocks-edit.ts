import { z } from 'zod';
import { ApiIssue } from '../errors';
import { defineRoute } from '../route';
import { MocksBody } from './library-mock-sets';
import { ItemId } from './library-flows';

/** A mock set the Mocks view edits: a mocks file (relative to examples/, or an opened folder) or a library entry. */
export const MockSetTarget = z.union([z.object({ file: z.string().min(1) }).strict(), z.object({ libraryId: ItemId }).strict()]);
export type MockSetTarget = z.infer<typeof MockSetTarget>;

export const OpenedMockSet = z.object({
  target: MockSetTarget,
  /** The file path or the library path, for headings. */
  label: z.string(),
  /** The text as it is now (a library entry: its YAML export). */
  text: z.string(),
  /** Of `text`: saving refuses when the file changed since (someone else saved). */
  sha256: z.string(),
  /** The mock set as written (defaults not filled in); null when it is not valid. */
  mocks: MocksBody.nullable(),
  /** Why it is not valid (empty when it is). */
  issues: z.array(ApiIssue),
});
export type OpenedMockSet = z.infer<typeof OpenedMockSet>;

export const DiffLine = z.object({
  op: z.enum([' ', '-', '+']),
  text: z.string(),
  old: z.number().int().optional(),
  new: z.number().int().optional(),
});

const EditInput = z.object({ target: MockSetTarget, mocks: MocksBody, baseSha256: z.string().min(1) }).strict();

export const SetReview = z.object({
  /** What the file checks (schema, CEL, cross-checks) find in the edited set; empty: it can be saved. */
  issues: z.array(ApiIssue),
  before: z.string(),
  after: z.string(),
  /** `after` against `before`, line by line. */
  diff: z.array(DiffLine),
  changed: z.boolean(),
});
export type SetReview = z.infer<typeof SetReview>;

export const mocksOpenSet = defineRoute({
  name: 'mocks.openSet',
  summary: 'A mock set to edit, as written: a mocks file or a library entry, with its text and why it is invalid (if it is).',
  input: MockSetTarget,
  output: OpenedMockSet,
});

export const mocksReviewSet = defineRoute({
  name: 'mocks.reviewSet',
  summary: 'Checks an edited mock set like a mocks file and shows the YAML it would save against what is there now (nothing is written).',
  input: EditInput,
  output: SetReview,
});

export const mocksSaveSet = defineRoute({
  name: 'mocks.saveSet',
  summary:
    'Saves an edited mock set back to its file (comments and unchanged lines kept) or library entry, after the same checks as a file; refused when it changed since it was opened.',
  input: EditInput,
  output: OpenedMockSet,
});
