import { patchFlow } from '../analysis/await-loop';
import { portCoverage } from '../analysis/coverage';
import { sweepLatency } from '../analysis/sweep';
import { tuneTimeouts } from '../analysis/tune';
import { UnknownEndpointError } from '../analysis/unknown-endpoint';
import { FileLoader } from '../formats/file-loader';
import { folderReader } from '../formats/folder-access';
import { FormatError } from '../formats/format-error';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { loadDocument } from '../formats/load-document';
import { validateFlowValue } from '../formats/validate-flow';
import { valueDocument } from '../formats/value-document';
import { lintFlow } from '../lints/lint-flow';
import { runScenarioOnClock } from '../scenario/run-on-clock';
import { runScenario } from '../scenario/run-scenario';
import { replaySession } from '../sessions/replay-session';
import { writeImport } from '../store/import-writer';
import { planImport } from '../store/library-import';
import { storeFailure } from '../store/sqlite-failure';
import { StoreError } from '../store/store-error';
import { Store } from '../store/store';
import type { JobKind, JobOf, JobOutcome, JobValueOf } from './job-contract';
import { packScenarios } from './scenario-set';

/**
 * Does one job: the same functions the host called inline before, so a job's result is
 * the inline result (same scenario, options and seed → same trace). Runs in a pool worker,
 * or in the calling thread for the inline runner. An invalid or missing file (the loader's
 * FormatError, with every issue) and an unknown endpoint are refusals, and so is any error of
 * a tune (as the host has always reported them: bad input); anything else is a bug and throws.
 */
export async function runJob<K extends JobKind>(job: JobOf<K>): Promise<JobOutcome<K>> {
  try {
    return { ok: true, value: await valueOf(job) };
  } catch (error) {
    if (error instanceof FormatError) return { ok: false, refusal: { message: error.message, fileIssues: [...error.issues] } };
    if (error instanceof StoreError) return { ok: false, refusal: { message: error.message, store: { kind: error.kind, issues: [...error.issues] } } };
    if (error instanceof UnknownEndpointError) return { ok: false, refusal: { message: error.message, unknownEndpoint: { known: [...error.known] } } };
    // Tuning's own checks (a counter to change where there is none, too few samples) throw plain errors about the input.
    if (job.kind === 'tune' && error instanceof Error) return { ok: false, refusal: { message: error.message } };
    throw error;
  }
}

type JobHandlers = { [K in JobKind]: (job: JobOf<K>) => Promise<JobValueOf<K>> | JobValueOf<K> };

/** What each kind of job runs. */
const handlers: JobHandlers = {
  run: (job) => {
    const scenario: LoadedScenario = job.patch === undefined ? job.scenario : { ...job.scenario, flow: patchFlow(job.scenario.flow, job.patch) };
    return runScenarioOnClock(scenario, {
      clock: 'virtual',
      ...(job.seed !== undefined ? { seed: job.seed } : {}),
      ...(job.endpointLatency !== undefined ? { endpointLatency: job.endpointLatency } : {}),
    });
  },
  coverage: (job) => ({ flows: portCoverage(job.runs.map((run) => ({ ...run, result: runScenario(run.scenario) }))) }),
  sweep: (job) => sweepLatency(job.scenario, { endpoint: job.endpoint, from: job.from, to: job.to, step: job.step }),
  tune: (job) =>
    tuneTimeouts(job.scenario, {
      endpoint: job.endpoint,
      model: job.model,
      fit: job.fit,
      timeouts: job.timeouts,
      counters: job.counters,
      samples: job.samples,
      seed: job.seed,
      maxDeadAirMs: job.maxDeadAirMs,
      await: job.await,
    }),
  replay: (job) => {
    const replay = replaySession(job.session, {
      flow: job.flow,
      relative: job.relative,
      answers: job.answers,
      endpointLatency: job.endpointLatency,
      fallbackMocks: job.fallbackMocks,
    });
    return {
      endState: replay.endState,
      endReason: replay.endReason ?? null,
      virtualMs: replay.virtualMs,
      trace: replay.trace,
      divergence: replay.divergence,
      mismatches: replay.mismatches,
      notes: replay.notes,
      flowChanged: replay.flowChanged,
    };
  },
  loadFlow: (job) => fileLoader(job).loadFlow(job.file),
  loadMocks: (job) => fileLoader(job).loadMocks(job.file),
  loadScenarios: async (job) => {
    const all = await fileLoader(job).loadScenarios(job.file);
    return job.only === undefined ? packScenarios(all) : packScenarios(all.slice(job.only, job.only + 1), all.length);
  },
  importLibrary: async (job) => {
    const folders = job.folders;
    // Any YAML/JSON file is looked at (a folder may hold others, which are skipped), never shown.
    const plan = await planImport(job.paths, {
      ...(job.root === undefined ? {} : { root: job.root }),
      ...(folders === null ? {} : { read: folderReader(() => folders, '/', { requireFormat: false }) }),
    });
    try {
      const store = Store.open(job.dbFile);
      try {
        return writeImport(store, plan);
      } finally {
        store.close();
      }
    } catch (error) {
      throw storeFailure(job.dbFile, error);
    }
  },
  checkFlow: (job) => {
    const checked = validateFlowValue(valueDocument('flow', job.value), job.value);
    return {
      flow: checked.value,
      issues: checked.issues.map((i) => ({ path: i.path, message: i.message })),
      lints: checked.value === null ? [] : lintFlow(checked.value),
    };
  },
};

/** The value of a job, typed by its kind. */
function valueOf<K extends JobKind>(job: JobOf<K>): Promise<JobValueOf<K>> | JobValueOf<K> {
  const kind: K = job.kind;
  const handler: JobHandlers[K] = handlers[kind];
  return handler(job);
}

/** A loader for a loading job: every file it reads checked against the job's folders, when it has them. */
function fileLoader(job: JobOf<'loadFlow' | 'loadMocks' | 'loadScenarios'>): FileLoader {
  const folders = job.folders;
  return new FileLoader(job.dir, folders === null ? loadDocument : folderReader(() => folders, job.dir));
}
