import { z } from 'zod';
import { JsonValue } from './common';
import { RequestCheckDetail } from './request-expectation';
import { EndState } from './scenario';
import { TraceEvent } from './trace';

export const RESULTS_FORMAT = 'flowbench.results/1';

export const CheckResult = z.object({
  check: z.string(),
  ok: z.boolean(),
  message: z.string(),
  /** Structured detail for the UI: a request check's closest request and field-by-field diff. */
  detail: RequestCheckDetail.optional(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const ScenarioStatus = z.enum(['passed', 'failed', 'error']);
export type ScenarioStatus = z.infer<typeof ScenarioStatus>;

export const ScenarioResult = z.object({
  name: z.string(),
  file: z.string(),
  status: ScenarioStatus,
  endState: EndState,
  endReason: z.string().optional(),
  clock: z.enum(['virtual', 'real']),
  seed: z.number().int(),
  virtualMs: z.number(),
  wallMs: z.number(),
  checks: z.array(CheckResult),
  /** The contexts when the run ended. */
  contexts: z.record(z.string(), JsonValue),
  /** The modules entered and the ports taken, e.g. `greet → read → lookup`. */
  path: z.array(z.string()),
  trace: z.array(TraceEvent),
});
export type ScenarioResult = z.infer<typeof ScenarioResult>;

export const ResultsFile = z.object({
  format: z.literal(RESULTS_FORMAT),
  startedAt: z.string(),
  summary: z.object({ passed: z.number().int(), failed: z.number().int(), errors: z.number().int() }),
  scenarios: z.array(ScenarioResult),
});
export type ResultsFile = z.infer<typeof ResultsFile>;
