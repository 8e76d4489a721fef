import { z } from 'zod';
import { Millis, TimeScale } from '../formats/common';
import { RouteOverride } from '../formats/mocks';
import { ScenarioResult } from '../formats/results';
import { Clock } from '../formats/scenario';
import { TraceEvent } from '../formats/trace';
import { defineRoute, defineEvent } from '../route';

export const RunOutcome = z.object({
  runId: z.string(),
  /** The flow file the scenario ran (absolute), null for an inline flow. */
  flowFile: z.string().nullable(),
  result: ScenarioResult,
  /** Live mock-server patches (from the Mocks view) applied on top of the scenario's overrides. */
  appliedPatches: z.record(z.string(), RouteOverride),
});
export type RunOutcome = z.infer<typeof RunOutcome>;

export const runsStart = defineRoute({
  name: 'runs.start',
  summary:
    "Runs one scenario of a scenario file (relative to examples/ or absolute) and returns its result. With useMockPatches (default), the Mocks view's live route patches apply on top of the scenario's overrides when the mock server serves the scenario's mock set. " +
    "On the real clock, when that server runs and serves the scenario's mock set, the requests go through it (session run:<runId>; its journal holds them); the result's realClock says where they went.",
  input: z
    .object({
      file: z.string().min(1),
      index: z.number().int().min(0).default(0),
      seed: z.number().int().optional(),
      clock: Clock.optional(),
      timeScale: TimeScale.optional(),
      /** Real clock: conversation ms a timing check may exceed its limit by (default: 100 ms of wall time). */
      timingToleranceMs: Millis.optional(),
      useMockPatches: z.boolean().default(true),
      /** Virtual clock only: a fixed latency per flow endpoint (e.g. a band of the boundary explorer). */
      endpointLatency: z.record(z.string(), Millis).optional(),
      /** Chosen by the caller to tell its own `runs.trace` events apart; one is made up otherwise. */
      runId: z.string().min(1).max(100).optional(),
    })
    .strict(),
  output: RunOutcome,
});

export const runsTraceEvent = defineEvent({
  name: 'runs.trace',
  summary: 'One trace event of a run in progress (real-clock runs arrive as they happen).',
  /** `seq`: the event's index in the run's trace, so a late subscriber can merge exactly. */
  payload: z.object({ runId: z.string(), seq: z.number().int().min(0), event: TraceEvent }),
});

/** A scenario the Run view can run: one of an example file, or a library scenario. */
export const RunnableSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('example'), file: z.string(), index: z.number().int().min(0), name: z.string() }),
  z.object({ kind: z.literal('library'), scenarioId: z.number().int().min(1), name: z.string() }),
]);
export type RunnableSource = z.infer<typeof RunnableSource>;

export const FlowScenarios = z.object({
  /** The running mock server, or null when none runs. */
  served: z.object({ url: z.string(), file: z.string().nullable(), patches: z.record(z.string(), RouteOverride) }).nullable(),
  /** The scenarios that run this flow; those whose mock set the server serves first (the live patches apply to them). */
  scenarios: z.array(z.object({ source: RunnableSource, servedMocks: z.boolean() })),
});
export type FlowScenarios = z.infer<typeof FlowScenarios>;

export const runsScenariosForFlow = defineRoute({
  name: 'runs.scenariosForFlow',
  summary:
    "The scenarios that run a flow (an example flow file, relative to examples/, or a library flow), and whether the running mock server serves each one's mock set: " +
    'what "run this flow against my patched mocks" picks from.',
  input: z
    .object({ flowFile: z.string().min(1).optional(), libraryFlowId: z.number().int().min(1).optional() })
    .strict()
    .refine((i) => (i.flowFile === undefined) !== (i.libraryFlowId === undefined), { message: 'expected exactly one of flowFile or libraryFlowId' }),
  output: FlowScenarios,
});
