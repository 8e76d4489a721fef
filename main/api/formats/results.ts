import { z } from 'zod';
import { JsonValue } from './common';
import { RowRef } from './each-rows';
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

/** How a real-clock run went as a clock: its tolerance for timing checks, its timers' lateness, where its requests went. */
export const RealClockInfo = z.object({
  timeScale: z.number().positive(),
  /** Timing checks (maxDeadAirMs, maxCallMs) pass up to this many conversation ms over their limit. */
  timingToleranceMs: z.number().min(0),
  /** How late the clock's timers fired, in conversation ms (wall ms / timeScale): the run's own jitter. */
  drift: z.object({ timers: z.number().int().min(0), maxLateMs: z.number().min(0), meanLateMs: z.number().min(0) }),
  /**
   * Where the requests went: a mock server started for this run, the workbench's running
   * mock server (shared; its journal holds them), or the base URL of an API.
   */
  target: z.object({ kind: z.enum(['own-mock-server', 'shared-mock-server', 'base-url']), url: z.string(), session: z.string() }),
});
export type RealClockInfo = z.infer<typeof RealClockInfo>;

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
  /** A data-driven scenario's row (`each:`): its index and values. */
  row: RowRef.optional(),
  /** Real-clock runs only. */
  realClock: RealClockInfo.optional(),
});
export type ScenarioResult = z.infer<typeof ScenarioResult>;

export const ResultsFile = z.object({
  format: z.literal(RESULTS_FORMAT),
  startedAt: z.string(),
  summary: z.object({ passed: z.number().int(), failed: z.number().int(), errors: z.number().int() }),
  scenarios: z.array(ScenarioResult),
});
export type ResultsFile = z.infer<typeof ResultsFile>;
