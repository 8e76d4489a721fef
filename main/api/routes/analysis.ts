import { z } from 'zod';
import { Millis, PositiveMillis } from '../formats/common';
import { Latency } from '../formats/mocks';
import { EndState } from '../formats/scenario';
import { defineRoute } from '../route';

/** One distinct way through the flow: its port path and end state. */
export const PathOutcome = z.object({
  /** Stable key of the path (ports and end state). */
  signature: z.string(),
  /** The API and await port choices and the end state, e.g. `check.waiting → check.success → end`. */
  summary: z.string(),
  path: z.array(z.string()),
  endState: EndState,
});
export type PathOutcome = z.infer<typeof PathOutcome>;

export const SweepBand = PathOutcome.extend({
  /** Inclusive latency range (ms) over which this path is taken. */
  from: z.number().int(),
  to: z.number().int(),
});
export type SweepBand = z.infer<typeof SweepBand>;

export const SweepResult = z.object({
  scenario: z.string(),
  file: z.string(),
  endpoint: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  step: z.number().int(),
  /** Runs made: the grid plus the bisections that found each exact boundary. */
  runs: z.number().int(),
  bands: z.array(SweepBand),
});
export type SweepResult = z.infer<typeof SweepResult>;

export const SweepMap = z.object({
  scenario: z.string(),
  file: z.string(),
  endpoints: z.tuple([z.string(), z.string()]),
  /** Latencies of the first endpoint (rows) and the second (columns). */
  rows: z.array(z.number().int()),
  columns: z.array(z.number().int()),
  /** Index into `outcomes` for each row × column. */
  cells: z.array(z.array(z.number().int())),
  outcomes: z.array(PathOutcome),
  runs: z.number().int(),
});
export type SweepMap = z.infer<typeof SweepMap>;

export const DistributionOutcome = PathOutcome.extend({
  count: z.number().int(),
  probability: z.number(),
  /** Smallest and largest sampled latency that gave this path. */
  minLatency: z.number(),
  maxLatency: z.number(),
});

export const DistributionSweep = z.object({
  scenario: z.string(),
  file: z.string(),
  endpoint: z.string(),
  model: Latency,
  samples: z.number().int(),
  seed: z.number().int(),
  outcomes: z.array(DistributionOutcome),
});
export type DistributionSweep = z.infer<typeof DistributionSweep>;

export const PortCoverage = z.object({
  module: z.string(),
  type: z.string(),
  port: z.string(),
  taken: z.number().int(),
  /** timeout / failure / waiting ports and interruption handlers: the handlers suites forget. */
  handler: z.boolean(),
});

export const FlowCoverage = z.object({
  flow: z.string(),
  file: z.string().nullable(),
  scenarios: z.number().int(),
  /** The scenarios that ran the flow: their file (as given), index in it and name, and library id for library scenarios. */
  runs: z.array(z.object({ file: z.string(), index: z.number().int(), name: z.string(), scenarioId: z.number().int().nullable() })),
  /** Module ports, then the flow's interruption handlers (module `interruptions`, type `interruption`, port = kind). */
  ports: z.array(PortCoverage),
  /** How many runs ended in each end state (every state listed, 0 when none did). */
  endStates: z.array(z.object({ state: EndState, count: z.number().int() })),
  covered: z.number().int(),
  total: z.number().int(),
  percent: z.number(),
});
export type FlowCoverage = z.infer<typeof FlowCoverage>;

/** Grid points of one latency sweep (bisection adds a few runs per boundary). */
export const MAX_SWEEP_POINTS = 10_000;

export const analysisSweep = defineRoute({
  name: 'analysis.sweep',
  summary: "Runs a scenario for each latency of one endpoint and returns the latency bands of each path, with exact boundaries.",
  input: z
    .object({
      /** An example scenario file (relative to examples/) and the scenario's index in it… */
      file: z.string().min(1).optional(),
      index: z.number().int().min(0).default(0),
      /** …or a library scenario. */
      scenarioId: z.number().int().positive().optional(),
      endpoint: z.string().min(1),
      from: Millis.default(0),
      to: Millis,
      step: PositiveMillis.default(50),
    })
    .strict()
    .refine((i) => i.to >= i.from, { message: 'expected to >= from', path: ['to'] })
    .refine((i) => (i.to - i.from) / i.step <= MAX_SWEEP_POINTS, { message: `expected at most ${MAX_SWEEP_POINTS} grid points; use a larger step`, path: ['step'] })
    .refine((i) => (i.file === undefined) !== (i.scenarioId === undefined), { message: 'expected a file or a scenarioId, not both', path: ['file'] }),
  output: SweepResult,
});

export const analysisCoverage = defineRoute({
  name: 'analysis.coverage',
  summary:
    'Runs the scenario files given (relative to examples/) or library scenarios (by id, or all of them with `library: true`) and reports which module ports were taken at least once, per flow.',
  input: z
    .object({
      files: z.array(z.string().min(1)).default([]),
      scenarioIds: z.array(z.number().int().positive()).default([]),
      library: z.boolean().default(false),
    })
    .strict()
    .refine((i) => i.files.length > 0 || i.scenarioIds.length > 0 || i.library, { message: 'expected files, scenarioIds or library: true', path: ['files'] }),
  output: z.object({ flows: z.array(FlowCoverage) }),
});
