import { z } from 'zod';

export const LINT_RULES = [
  'async-await-no-pause',
  'await-timeout-exceeds-endpoint',
  'await-loop-no-counter',
  'green-cycle',
  'blocking-in-voice',
  'unconnected-port',
  'unreachable-module',
  'context-never-set',
  'no-input-unhandled',
  'interruption-target-missing',
  'lambda-unknown-port',
] as const;

export const LintRule = z.enum(LINT_RULES);
export type LintRule = z.infer<typeof LintRule>;

/** A static warning about a flow, pointing at the module (and port) it concerns. */
export const LintWarning = z.object({
  rule: LintRule,
  message: z.string(),
  module: z.string().nullable(),
  port: z.string().nullable(),
  /** Path inside the flow file, e.g. `modules[3].ports.next`. */
  path: z.string(),
});
export type LintWarning = z.infer<typeof LintWarning>;
