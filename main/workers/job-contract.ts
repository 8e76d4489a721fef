import { z } from 'zod';
import { ApiIssue } from '../api/errors';
import { RowRef } from '../api/formats/each-rows';
import { FlowFile } from '../api/formats/flow';
import { Latency, MockState, MocksFile, RouteOverride } from '../api/formats/mocks';
import { ScenarioResult } from '../api/formats/results';
import { Clock, Expectation, UserStep } from '../api/formats/scenario';
import { SessionFile } from '../api/formats/session';
import { FlowCoverage, SweepResult } from '../api/routes/analysis';
import { LatencyFit, ModulePatch, TuneTable } from '../api/routes/analysis-tune';
import { FlowView } from '../api/routes/flows';
import { ReplayOutcome } from '../api/routes/sessions';
import { STORE_ERROR_KINDS } from '../store/store-error';
import { ImportLibraryJob, ImportLibraryValue } from './import-job';
import { ReadFolders } from './read-folders';

/*
 * What crosses between the host and its worker pool: each job and each result is plain
 * data (structured clone), checked with these schemas on the side that receives it — the
 * worker parses the job, the host parses the result. They are built from the contract's own
 * schemas (flows, mocks, scenarios, results), so a job carries nothing the files could not.
 */

/** A scenario as loaded (`LoadedScenario`): its flow, mocks and every default resolved. */
export const LoadedScenarioData = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  file: z.string(),
  absFile: z.string(),
  index: z.number().int(),
  flow: FlowFile,
  flowPath: z.string().nullable(),
  mocks: MocksFile.nullable(),
  mocksPath: z.string().nullable(),
  overrides: z.record(z.string(), RouteOverride),
  state: MockState.exactOptional(),
  clock: Clock,
  timeScale: z.number(),
  baseUrl: z.string().nullable(),
  seed: z.number().int().nullable(),
  tags: z.array(z.string()),
  user: z.array(UserStep),
  expect: z.array(Expectation),
  maxDurationMs: z.number().nullable(),
  row: RowRef.extend({ path: z.string() }).exactOptional(),
});

const EndpointLatency = z.record(z.string(), z.number());

/** One scenario on the virtual clock (`runScenarioOnClock`): never an error, a crash is an `error` result. */
export const RunJob = z.object({
  kind: z.literal('run'),
  scenario: LoadedScenarioData,
  seed: z.number().int().optional(),
  endpointLatency: EndpointLatency.optional(),
  /** The flow with these await timeouts and counter maxima (a tune candidate's sample run). */
  patch: ModulePatch.optional(),
});

/** Port coverage of a set of scenarios, each run once on the virtual clock. */
export const CoverageJob = z.object({
  kind: z.literal('coverage'),
  runs: z.array(z.object({ scenario: LoadedScenarioData, scenarioId: z.number().int().exactOptional() })),
});

/** The boundary explorer over one endpoint's latency. */
export const SweepJob = z.object({
  kind: z.literal('sweep'),
  scenario: LoadedScenarioData,
  endpoint: z.string(),
  from: z.number(),
  to: z.number(),
  step: z.number().positive(),
});

/** Timeout tuning (SPEC §7.4) with the latency model already chosen (fitted by the host). */
export const TuneJob = z.object({
  kind: z.literal('tune'),
  scenario: LoadedScenarioData,
  endpoint: z.string(),
  model: Latency,
  fit: LatencyFit.nullable(),
  timeouts: z.array(z.number()).optional(),
  counters: z.array(z.number()).optional(),
  samples: z.number().int().positive(),
  seed: z.number().int(),
  maxDeadAirMs: z.number(),
  await: z.string().optional(),
});

/** A recorded session replayed in virtual time against a flow, from the recording or from mocks. */
export const ReplayJob = z.object({
  kind: z.literal('replay'),
  session: SessionFile,
  flow: FlowFile,
  relative: z.boolean(),
  answers: z.discriminatedUnion('kind', [z.object({ kind: z.literal('recording') }), z.object({ kind: z.literal('mocks'), mocks: MocksFile })]),
  endpointLatency: EndpointLatency,
  fallbackMocks: z.object({ mocks: MocksFile, label: z.string() }).optional(),
});

const FileToLoad = { dir: z.string(), file: z.string(), folders: ReadFolders };

/** A flow file read, parsed and validated (a large one takes seconds and much memory). */
export const LoadFlowJob = z.object({ kind: z.literal('loadFlow'), ...FileToLoad });
/** A mocks file read, parsed and validated. */
export const LoadMocksJob = z.object({ kind: z.literal('loadMocks'), ...FileToLoad });
/**
 * A scenario file read with the flows and mocks it points at, its `each:` rows expanded; with
 * `only`, the worker sends back that one scenario (a run of one scenario of a file of thousands
 * must not hand the host thousands to copy).
 */
export const LoadScenariosJob = z.object({ kind: z.literal('loadScenarios'), ...FileToLoad, only: z.number().int().nonnegative().optional() });

/**
 * A scenario file's scenarios as a pool worker sends them: each flow and mock set once (a file
 * of 1,000 scenarios on one flow carries it once, and the host parses it once), each scenario
 * pointing at them by index.
 */
export const LoadedScenarioSet = z.object({
  /** How many scenarios the file has (all of them are in `scenarios` unless the job asked for `only` one). */
  total: z.number().int().nonnegative(),
  flows: z.array(FlowFile),
  mocks: z.array(MocksFile),
  scenarios: z.array(LoadedScenarioData.omit({ flow: true, mocks: true }).extend({ flowIndex: z.number().int().nonnegative(), mocksIndex: z.number().int().nonnegative().nullable() })),
});
export type LoadedScenarioSet = z.infer<typeof LoadedScenarioSet>;

/** A flow given as a value (the library, an editor) validated and linted. */
export const CheckFlowJob = z.object({ kind: z.literal('checkFlow'), value: z.unknown() });

export const Job = z.discriminatedUnion('kind', [RunJob, CoverageJob, SweepJob, TuneJob, ReplayJob, LoadFlowJob, LoadMocksJob, LoadScenariosJob, ImportLibraryJob, CheckFlowJob]);
export type Job = z.infer<typeof Job>;
export type JobKind = Job['kind'];
export type JobOf<K extends JobKind> = Extract<Job, { kind: K }>;

/** What each kind of job gives back when it succeeds. */
export const JobValue = {
  run: ScenarioResult,
  coverage: z.object({ flows: z.array(FlowCoverage) }),
  sweep: SweepResult,
  tune: TuneTable,
  replay: ReplayOutcome.omit({ recordedTrace: true }),
  loadFlow: FlowFile,
  loadMocks: MocksFile,
  loadScenarios: LoadedScenarioSet,
  importLibrary: ImportLibraryValue,
  checkFlow: FlowView.omit({ file: true }),
} as const satisfies Record<JobKind, z.ZodType>;
export type JobValueOf<K extends JobKind> = z.infer<(typeof JobValue)[K]>;

/**
 * A job that could not do what it was asked, for a reason in its input (an unknown
 * endpoint, a tune with nothing to tune, an invalid file): the message, and for an unknown
 * endpoint the endpoints the flow has, for a file its issues. The host reports it as bad input.
 */
export const JobRefusal = z.object({
  message: z.string(),
  unknownEndpoint: z.object({ known: z.array(z.string()) }).optional(),
  /** The library refused or failed (the store's StoreError: its kind, and issues for invalid input). */
  store: z
    .object({
      kind: z.enum(STORE_ERROR_KINDS),
      issues: z.array(ApiIssue),
    })
    .optional(),
  /** An invalid (or missing) file: every issue, located (the loader's FormatError). */
  fileIssues: z
    .array(z.object({ file: z.string(), path: z.string(), message: z.string(), line: z.number().int().exactOptional(), column: z.number().int().exactOptional() }))
    .optional(),
});
export type JobRefusal = z.infer<typeof JobRefusal>;

/** What a job gives: its value, or why it refused. */
export type JobOutcome<K extends JobKind> = { ok: true; value: JobValueOf<K> } | { ok: false; refusal: JobRefusal };

/** An error a job threw that is not a refusal (a bug in flowbench), with its stack, for the host's log. */
export const JobCrash = z.object({ name: z.string(), message: z.string(), stack: z.string().optional() });
export type JobCrash = z.infer<typeof JobCrash>;

/** What a pool worker answers: the job's outcome, or the crash that stopped it. */
export function workerAnswer<K extends JobKind>(kind: K) {
  return z.union([
    z.object({ ok: z.literal(true), value: JobValue[kind] }),
    z.object({ ok: z.literal(false), refusal: JobRefusal }),
    z.object({ ok: z.literal(false), crash: JobCrash }),
  ]);
}
export type WorkerAnswer<K extends JobKind> = JobOutcome<K> | { ok: false; crash: JobCrash };
