import type { ScenarioResult } from '../api/formats/results';
import { FormatError } from '../formats/format-error';
import { crashResult, effectiveSeed } from '../scenario/scenario-result';
import { StoreError } from '../store/store-error';
import type { JobKind, JobOf, JobRefusal, JobValueOf } from '../workers/job-contract';
import { JobFailedError, JobTimeoutError } from '../workers/job-errors';
import type { JobRunner } from '../workers/job-runner';
import { HostError } from './host-error';

/**
 * A job's value for a handler, through the worker pool. What went wrong becomes what the
 * user should see: a refusal (bad input the analysis found) is `invalid_input` at
 * `refusalPath` (an unknown endpoint at `endpoint`, with the flow's endpoints); a job over its
 * wall-time limit, or whose worker failed, is `failed` with what happened.
 */
export async function pooledValue<K extends JobKind>(jobs: JobRunner, job: JobOf<K>, refusalPath: string): Promise<JobValueOf<K>> {
  let outcome;
  try {
    outcome = await jobs.run(job);
  } catch (error) {
    if (error instanceof JobTimeoutError || error instanceof JobFailedError) throw new HostError('failed', `${describeJob(job.kind)}: ${error.message}`);
    throw error;
  }
  if (outcome.ok) return outcome.value;
  throw refusalError(outcome.refusal, refusalPath);
}

/**
 * The value of a job that reads files: an invalid or missing file is the loader's FormatError
 * (every issue, located), raised here as the loader raises it in the host, for the caller to
 * report as it reports any invalid file; `label` starts the other messages (a file's name).
 */
export async function pooledFileValue<K extends JobKind>(jobs: JobRunner, job: JobOf<K>, label: string): Promise<JobValueOf<K>> {
  let outcome;
  try {
    outcome = await jobs.run(job);
  } catch (error) {
    if (error instanceof JobTimeoutError || error instanceof JobFailedError) throw new HostError('failed', `${label}: ${describeJob(job.kind)}: ${error.message}`);
    throw error;
  }
  if (outcome.ok) return outcome.value;
  if (outcome.refusal.fileIssues !== undefined) throw new FormatError(outcome.refusal.fileIssues);
  if (outcome.refusal.store !== undefined) throw new StoreError(outcome.refusal.store.kind, outcome.refusal.message, outcome.refusal.store.issues);
  throw new HostError('invalid_input', `${label}: ${outcome.refusal.message}`);
}

/**
 * One scenario run through the pool, as a result whatever happens: a run over its time
 * limit or whose worker failed is an `error` result saying so (one bad scenario never stops
 * a suite), as a crash inline is.
 */
export async function pooledRun(jobs: JobRunner, job: JobOf<'run'>, refusalPath = 'patch'): Promise<ScenarioResult> {
  const started = performance.now();
  try {
    const outcome = await jobs.run(job);
    if (outcome.ok) return outcome.value;
    throw refusalError(outcome.refusal, refusalPath);
  } catch (error) {
    if (!(error instanceof JobTimeoutError || error instanceof JobFailedError)) throw error;
    const result = crashResult(job.scenario, error, effectiveSeed(job.scenario, job.seed), 'virtual', performance.now() - started);
    return { ...result, endReason: error.message };
  }
}

function refusalError(refusal: JobRefusal, path: string): HostError {
  if (refusal.unknownEndpoint !== undefined) {
    const known = refusal.unknownEndpoint.known.join(', ') || 'none';
    return new HostError('invalid_input', refusal.message, [{ path: 'endpoint', message: `not an endpoint of the flow (endpoints: ${known})` }]);
  }
  return new HostError('invalid_input', refusal.message, [{ path, message: refusal.message }]);
}

/** What a kind of job does, for messages ("loading the flow: …"). */
export function describeJob(kind: JobKind): string {
  switch (kind) {
    case 'run':
      return 'the run';
    case 'coverage':
      return 'the coverage runs';
    case 'sweep':
      return 'the latency sweep';
    case 'tune':
      return 'the timeout tuning';
    case 'replay':
      return 'the replay';
    case 'loadFlow':
      return 'loading the flow';
    case 'loadMocks':
      return 'loading the mock set';
    case 'loadScenarios':
      return 'loading the scenarios';
    case 'importLibrary':
      return 'the library import';
    case 'checkFlow':
      return 'checking the flow';
  }
}
