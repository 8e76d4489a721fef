import { z } from 'zod';
import { defineRoute } from '../route';
import { ApiIssue } from '../errors';

export const FileKind = z.enum(['flow', 'mocks', 'scenario', 'results', 'session', 'unknown']);
export type FileKind = z.infer<typeof FileKind>;

export const ExampleFile = z.object({
  /** Path relative to the examples folder, with forward slashes. */
  path: z.string(),
  kind: FileKind,
  /** The `format` field as written in the file, e.g. `flowbench.flow/1`. */
  format: z.string().nullable(),
  /** The file's `name`, or for a scenario list the names of its scenarios joined. */
  name: z.string(),
  /** Names of the scenarios in a scenario file (one or many). */
  scenarios: z.array(z.string()),
  /** Problems found when loading it; empty when the file is valid. */
  issues: z.array(ApiIssue),
});
export type ExampleFile = z.infer<typeof ExampleFile>;

export const examplesList = defineRoute({
  name: 'examples.list',
  summary: 'The flow, mocks and scenario files shipped in examples/, with their format and name.',
  input: z
    .object({ kind: FileKind.optional() })
    .strict()
    .default({}),
  output: z.object({ root: z.string(), files: z.array(ExampleFile) }),
});
