import { z } from 'zod';
import { ApiIssue } from '../errors';
import { FlowFile, Position } from '../formats/flow';
import { LintWarning } from '../formats/lint';
import { defineRoute } from '../route';

export const FlowView = z.object({
  /** As asked for (relative to examples/ or absolute). */
  file: z.string(),
  /** Null when the file is invalid: see `issues`. */
  flow: FlowFile.nullable(),
  issues: z.array(ApiIssue),
  lints: z.array(LintWarning),
});
export type FlowView = z.infer<typeof FlowView>;

export const flowsOpen = defineRoute({
  name: 'flows.open',
  summary: 'Loads a flow file (relative to examples/ or absolute): the flow, its validation issues with their paths, and its lint warnings.',
  input: z.object({ file: z.string().min(1) }).strict(),
  output: FlowView,
});

export const flowsSavePositions = defineRoute({
  name: 'flows.savePositions',
  summary: 'Writes module positions (dragged in the graph) into the flow file, keeping its comments and layout.',
  input: z.object({ file: z.string().min(1), positions: z.record(z.string(), Position) }).strict(),
  output: z.object({ saved: z.number().int().min(0) }),
});

export const flowsCheck = defineRoute({
  name: 'flows.check',
  summary: 'Validates a flow given as a value (e.g. from the library or an editor) and returns its issues and lint warnings.',
  input: z.object({ flow: z.unknown() }).strict(),
  output: FlowView.omit({ file: true }),
});
