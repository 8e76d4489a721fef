import { z } from 'zod';
import { RouteOverride } from '../formats/mocks';
import { CheckResult, ScenarioResult, ScenarioStatus } from '../formats/results';
import { Clock, EndState } from '../formats/scenario';
import { defineEvent, defineRoute } from '../route';
import { ItemId } from './library-flows';

export const RunSummary = z.object({
  id: ItemId,
  startedAt: z.string(),
  finishedAt: z.string(),
  /** Who ran it: `cli`, `workbench`, … */
  source: z.string(),
  /** The filter that chose the scenarios, as given. */
  filter: z.record(z.string(), z.unknown()),
  passed: z.number().int(),
  failed: z.number().int(),
  errors: z.number().int(),
});
export type RunSummary = z.infer<typeof RunSummary>;

/** One scenario's outcome in one run, without the trace. */
export const HistoryEntry = z.object({
  runId: ItemId,
  resultId: ItemId,
  startedAt: z.string(),
  /** The result's name: a data-driven scenario has one result per `each:` row, each named for its row. */
  name: z.string(),
  status: ScenarioStatus,
  endState: EndState,
  endReason: z.string().nullable(),
  virtualMs: z.number(),
  wallMs: z.number(),
  checks: z.object({ passed: z.number().int(), failed: z.number().int() }),
  /** Which version of the flow and mock set ran (null for results saved before this was recorded). */
  flowSha256: z.string().nullable(),
  mocksSha256: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

const ScenarioRef = z.object({ id: ItemId, name: z.string(), file: z.string() });

export const libraryRuns = defineRoute({
  name: 'library.runs',
  summary: 'The runs recorded in the library, newest first.',
  input: z.object({ limit: z.number().int().min(1).max(1000).default(50) }).strict().default({ limit: 50 }),
  output: z.object({ runs: z.array(RunSummary) }),
});

export const scenariosHistory = defineRoute({
  name: 'scenarios.history',
  summary: "One scenario's results over time (newest first): pass/fail, end state, duration.",
  input: z.object({ scenarioId: ItemId, limit: z.number().int().min(1).max(10_000).default(100) }).strict(),
  output: z.object({
    scenario: ScenarioRef,
    runs: z.array(HistoryEntry),
    totals: z.object({ passed: z.number().int(), failed: z.number().int(), errors: z.number().int() }),
  }),
});

export const CheckChange = z.object({
  check: z.string(),
  before: CheckResult.omit({ check: true }).nullable(),
  after: CheckResult.omit({ check: true }).nullable(),
  /** fixed: failed then passed; broke: passed then failed; message: same outcome, other message. */
  change: z.enum(['same', 'fixed', 'broke', 'message', 'added', 'removed']),
});
export type CheckChange = z.infer<typeof CheckChange>;

export const PortChoice = z.object({ port: z.string(), reason: z.string(), t: z.number() });

export const PortChange = z.object({
  module: z.string(),
  /** 1 for the first time the module left by a port, 2 for the second, … */
  nth: z.number().int(),
  before: PortChoice.nullable(),
  after: PortChoice.nullable(),
  change: z.enum(['same', 'changed', 'added', 'removed']),
});
export type PortChange = z.infer<typeof PortChange>;

export const RunComparison = z.object({
  scenario: ScenarioRef,
  before: HistoryEntry,
  after: HistoryEntry,
  statusChanged: z.boolean(),
  /** Whether the flow / mock set differed between the two runs (null when unknown). */
  flowChanged: z.boolean().nullable(),
  mocksChanged: z.boolean().nullable(),
  checks: z.array(CheckChange),
  ports: z.array(PortChange),
  changedChecks: z.number().int(),
  changedPorts: z.number().int(),
});
export type RunComparison = z.infer<typeof RunComparison>;

export const scenariosCompare = defineRoute({
  name: 'scenarios.compare',
  summary: 'Compares two runs of one scenario: which checks and which port choices changed.',
  input: z
    .object({
      scenarioId: ItemId,
      before: ItemId,
      after: ItemId,
      /** A data-driven scenario's row, by its result name (default: its first result in each run). */
      name: z.string().min(1).optional(),
    })
    .strict(),
  output: RunComparison,
});

export const StoredResult = ScenarioResult.extend({
  id: ItemId,
  runId: ItemId,
  scenarioId: ItemId.nullable(),
  startedAt: z.string(),
  flowSha256: z.string().nullable(),
  mocksSha256: z.string().nullable(),
});
export type StoredResult = z.infer<typeof StoredResult>;

export const resultsGet = defineRoute({
  name: 'results.get',
  summary: "One stored scenario result with its whole trace (what the timeline draws).",
  input: z.object({ id: ItemId }).strict(),
  output: StoredResult,
});

export const RunResultSummary = z.object({
  resultId: ItemId,
  scenarioId: ItemId,
  name: z.string(),
  file: z.string(),
  status: ScenarioStatus,
  endState: EndState,
  virtualMs: z.number(),
  wallMs: z.number(),
  /** Live mock patches (Mocks view) applied on top of the scenario's overrides (with useMockPatches). */
  appliedPatches: z.record(z.string(), RouteOverride).default({}),
});
export type RunResultSummary = z.infer<typeof RunResultSummary>;

export const scenariosRun = defineRoute({
  name: 'scenarios.run',
  summary:
    'Runs library scenarios (the ids given, else every one matching the filters) on their clock (or the one given) and saves the results as one run. ' +
    "On the real clock, when the Mocks view's server runs and serves a scenario's mock set, its requests go through that server (its journal holds them).",
  input: z
    .object({
      ids: z.array(ItemId).min(1).max(10_000).optional(),
      text: z.string().optional(),
      name: z.string().optional(),
      tag: z.string().optional(),
      flowId: ItemId.optional(),
      mockSetId: ItemId.optional(),
      file: z.string().optional(),
      /** Overrides every scenario's seed. */
      seed: z.number().int().optional(),
      /** Overrides every scenario's clock (and, on the real clock, its time scale). */
      clock: Clock.optional(),
      timeScale: z.number().positive().max(100).optional(),
      /** Real clock: conversation ms a timing check may exceed its limit by (default: 100 ms of wall time). */
      timingToleranceMs: z.number().int().min(0).max(3_600_000).optional(),
      /** Apply the Mocks view's live route patches to scenarios whose mock set the running server serves (default false: as written). */
      useMockPatches: z.boolean().optional(),
      /** Chosen by the caller: `scenarios.progress` events carry it while the run goes on. */
      progressId: z.string().min(1).max(100).optional(),
    })
    .strict()
    .default({}),
  output: z.object({ run: RunSummary, results: z.array(RunResultSummary), cancelled: z.boolean() }),
});

export const scenariosCancelRun = defineRoute({
  name: 'scenarios.cancelRun',
  summary: 'Stops a scenarios.run (by its progressId) after the scenario it is running; what ran so far is recorded as the run.',
  input: z.object({ progressId: z.string().min(1).max(100) }).strict(),
  output: z.object({ cancelled: z.boolean() }),
});

export const scenariosProgressEvent = defineEvent({
  name: 'scenarios.progress',
  summary: 'One more scenario of a scenarios.run finished.',
  payload: z.object({ progressId: z.string(), done: z.number().int(), total: z.number().int(), scenarioId: ItemId, name: z.string(), status: ScenarioStatus }),
});
