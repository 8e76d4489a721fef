import { z } from 'zod';
import { Latency } from '../formats/mocks';
import { EndState } from '../formats/scenario';
import { defineRoute } from '../route';
import { PathOutcome } from './analysis';
import { RunOutcome } from './runs';

/** A lognormal model fitted to observed latencies of one endpoint (SPEC §7.4). */
export const LatencyFit = z.object({
  endpoint: z.string(),
  /** Where the latencies came from, e.g. `HAR file trace.har`. */
  source: z.string(),
  /** Requests used: answered plus censored (no answer: timed out, gave up, reset). */
  n: z.number().int(),
  answered: z.number().int(),
  censored: z.number().int(),
  /** Entries of the source that were not this endpoint's requests. */
  skipped: z.number().int(),
  /** Maximum-likelihood mean and sd of ln(latency ms). */
  mu: z.number(),
  sigma: z.number(),
  medianMs: z.number(),
  p99Ms: z.number(),
  /** Kolmogorov–Smirnov D between the data (Kaplan–Meier estimate when censored) and the model. */
  ksD: z.number(),
  /** D's 5 % critical value (Lilliefors), for samples without censoring; null otherwise. */
  ksCritical: z.number().nullable(),
  /** EM iterations used for censored data (0: closed form). */
  iterations: z.number().int(),
  /** Quantiles of the answered latencies themselves (ms). */
  observed: z.object({ minMs: z.number(), p50Ms: z.number(), p95Ms: z.number(), p99Ms: z.number(), maxMs: z.number() }),
  /** The model, in the mocks' syntax (median and p99 rounded to 0.1 ms): what `tune` samples from. */
  model: Latency,
});
export type LatencyFit = z.infer<typeof LatencyFit>;

/** Where the latencies come from: a model, or observations to fit one to. */
export const LatencySource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('model'), model: Latency }).strict(),
  /** A HAR 1.2 document (its content) and a name to show for it. */
  z.object({ kind: z.literal('har'), har: z.unknown(), name: z.string().max(200).optional() }).strict(),
  /** The library's recorded real-clock sessions of the scenario's flow. */
  z.object({ kind: z.literal('sessions') }).strict(),
  /** A mock server's journal: its base URL, or the workbench's own mock server when none. */
  z.object({ kind: z.literal('journal'), url: z.url({ protocol: /^https?$/ }).optional() }).strict(),
]);
export type LatencySource = z.infer<typeof LatencySource>;

/** New `timeoutMs` (awaits) and `max` (counters) by module id. */
export const ModulePatch = z.record(
  z.string().min(1),
  z.object({ timeoutMs: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() }).strict(),
);

/** One Monte Carlo sample: its number, the endpoint latency drawn and the run's seed. */
export const TuneSample = z.object({ sample: z.number().int().min(1), latencyMs: z.number().int().min(0), seed: z.number().int() });
export type TuneSample = z.infer<typeof TuneSample>;

export const TunePath = PathOutcome.extend({
  count: z.number().int(),
  probability: z.number(),
  /** The first sample that took this path: open it with `analysis.tuneRun`. */
  sample: TuneSample,
});
export type TunePath = z.infer<typeof TunePath>;

const Spread = z.object({ p50: z.number(), p95: z.number() });

export const TuneCandidate = z.object({
  timeoutMs: z.number().int(),
  /** The await-loop counter's max; null when the flow has no loop counter. */
  counterMax: z.number().int().nullable(),
  /** The change of the flow this candidate is (for `analysis.tuneRun`). */
  patch: ModulePatch,
  /** Every end state, in the order of `TuneTable.endStates`. */
  endStates: z.array(z.object({ state: EndState, count: z.number().int(), probability: z.number() })),
  handoverProbability: z.number(),
  /** Port paths, most frequent first. */
  paths: z.array(TunePath),
  /** Longest dead-air stretch per call (voice only; null otherwise). */
  deadAirMs: Spread.nullable(),
  callMs: Spread,
  withinDeadAir: z.boolean(),
});
export type TuneCandidate = z.infer<typeof TuneCandidate>;

export const TuneTable = z.object({
  scenario: z.string(),
  file: z.string(),
  endpoint: z.string(),
  /** The awaits and loop counters varied, with the flow's own values. */
  awaits: z.array(z.object({ id: z.string(), timeoutMs: z.number().int() })),
  counters: z.array(z.object({ id: z.string(), max: z.number().int() })),
  latency: z.object({ model: Latency, description: z.string(), fit: LatencyFit.nullable() }),
  samples: z.number().int(),
  seed: z.number().int(),
  maxDeadAirMs: z.number().int(),
  /** Candidates × samples. */
  runs: z.number().int(),
  /**
   * Engine runs actually made: fewer than `runs` when no run can depend on its seed (nothing
   * random but the pinned latency), as each distinct latency is then simulated once.
   */
  simulated: z.number().int(),
  endStates: z.array(EndState),
  candidates: z.array(TuneCandidate),
  /** SPEC §7.4: the lowest handover probability whose p95 dead air is within maxDeadAirMs; null when none is. */
  recommendation: z
    .object({ candidate: z.number().int().min(0), timeoutMs: z.number().int(), counterMax: z.number().int().nullable(), reason: z.string() })
    .nullable(),
  /** Why nothing is recommended, when nothing is. */
  note: z.string().nullable(),
});
export type TuneTable = z.infer<typeof TuneTable>;

/** An example scenario file and its index (as `runs.start`), or a library scenario and its `each:` row. */
const scenarioPick = {
  file: z.string().min(1).optional(),
  index: z.number().int().min(0).default(0),
  scenarioId: z.number().int().positive().optional(),
  row: z.number().int().min(0).default(0),
};
const oneSource = (i: { file?: string | undefined; scenarioId?: number | undefined }): boolean => (i.file === undefined) !== (i.scenarioId === undefined);
const oneSourceError = { message: 'expected a file or a scenarioId, not both', path: ['file'] };

/** At most this many runs per `analysis.tune` call (candidates × samples). */
export const MAX_TUNE_RUNS = 400_000;

export const analysisFitLatency = defineRoute({
  name: 'analysis.fitLatency',
  summary: "Fits a lognormal model to an endpoint's observed latencies (a HAR document, the library's recorded sessions or a mock server's journal): n, median, p99, KS D.",
  input: z
    .object({ ...scenarioPick, endpoint: z.string().min(1), source: LatencySource })
    .strict()
    .refine(oneSource, oneSourceError)
    .refine((i) => i.source.kind !== 'model', { message: 'expected observations (har, sessions or journal), not a model', path: ['source', 'kind'] }),
  output: LatencyFit,
});

export const analysisTune = defineRoute({
  name: 'analysis.tune',
  summary:
    "Timeout tuning (SPEC §7.4): seeded Monte Carlo of a scenario over a grid of the endpoint's await timeoutMs (and loop counter max), with the latency from a model or fitted to observations; per candidate the end-state and port-path probabilities, p50/p95 dead air and call length, and the recommendation.",
  input: z
    .object({
      ...scenarioPick,
      endpoint: z.string().min(1),
      source: LatencySource,
      /** Await timeouts to try (default: 1000 ms up to the endpoint timeout, and the flow's own). */
      timeouts: z.array(z.number().int().min(0)).min(1).max(200).optional(),
      /** Loop counter max values to try (default: the flow's own). */
      counters: z.array(z.number().int().min(0)).min(1).max(50).optional(),
      samples: z.number().int().min(1).max(100_000).default(2000),
      seed: z.number().int().optional(),
      maxDeadAirMs: z.number().int().min(0).default(3000),
      /** Only this api_await (default: every await of the endpoint). */
      await: z.string().min(1).optional(),
    })
    .strict()
    .refine(oneSource, oneSourceError)
    .refine((i) => (i.timeouts?.length ?? 20) * (i.counters?.length ?? 1) * i.samples <= MAX_TUNE_RUNS, {
      message: `at most ${MAX_TUNE_RUNS} runs (candidates × samples)`,
      path: ['samples'],
    }),
  output: TuneTable,
});

export const analysisTuneRun = defineRoute({
  name: 'analysis.tuneRun',
  summary: "Runs one sample of a tune candidate in virtual time (the flow patched as the candidate says, the endpoint latency and seed of the sample) and returns it like runs.start, to open on the timeline.",
  input: z
    .object({
      ...scenarioPick,
      patch: ModulePatch,
      endpointLatency: z.record(z.string(), z.number().int().min(0)),
      seed: z.number().int(),
    })
    .strict()
    .refine(oneSource, oneSourceError),
  output: RunOutcome,
});
