import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../../../main/api/formats/flow';
import { sweepLatency } from '../../../main/analysis/sweep';
import { HostError } from '../../../main/host/host-error';
import { pooledRun, pooledValue } from '../../../main/host/pooled-jobs';
import { runScenarioOnClock } from '../../../main/scenario/run-on-clock';
import { Job, workerAnswer } from '../../../main/workers/job-contract';
import type { JobKind, JobOf, JobOutcome } from '../../../main/workers/job-contract';
import { JobFailedError, JobTimeoutError } from '../../../main/workers/job-errors';
import { DEFAULT_TIME_LIMITS, JobPool, defaultPoolSize } from '../../../main/workers/job-pool';
import { inlineJobs } from '../../../main/workers/job-runner';
import type { JobRunner } from '../../../main/workers/job-runner';
import { runJob } from '../../../main/workers/run-job';
import { flow, mocks, scenario } from '../../support/scenario-builder';

/*
 * Issue 18: the job dispatch of the worker pool — what each kind of job runs, what it
 * refuses, how the host reports a job over its limit — without starting workers (the
 * integration tests in test/integration/workers do, over the real host server).
 */

const chat = flow({
  channel: 'chat',
  start: 'call',
  endpoints: [{ id: 'orders', method: 'GET', url: '/orders', timeoutMs: 2_000 }],
  modules: [
    { id: 'call', type: 'api', endpoint: 'orders', ports: { success: 'ok', failure: 'sorry' } },
    { id: 'ok', type: 'say', text: 'Found it.', ports: { next: 'bye' } },
    { id: 'sorry', type: 'say', text: 'It is slow today.', ports: { next: 'bye' } },
    { id: 'bye', type: 'end' },
  ],
});
const shop = mocks([{ id: 'orders', method: 'GET', path: '/orders', latency: { fixed: 100 }, responses: [{ status: 200, body: {} }] }]);
const loaded = scenario({ flow: chat, mocks: shop, seed: 3 });

function value<K extends JobKind>(outcome: JobOutcome<K>): Extract<JobOutcome<K>, { ok: true }>['value'] {
  if (!outcome.ok) throw new Error(`refused: ${outcome.refusal.message}`);
  return outcome.value;
}

describe('runJob: what each kind of job runs', () => {
  it('a run is runScenarioOnClock on the virtual clock, with its seed and fixed latencies', async () => {
    const result = value(await runJob({ kind: 'run', scenario: loaded, seed: 9, endpointLatency: { orders: 2_500 } }));
    const inline = await runScenarioOnClock(loaded, { clock: 'virtual', seed: 9, endpointLatency: { orders: 2_500 } });
    expect({ ...result, wallMs: 0 }).toEqual({ ...inline, wallMs: 0 });
    // 2,500 ms is past the endpoint's 2,000 ms timeout: the failure port.
    expect(result.path).toEqual(['call.failure', 'sorry.next', 'bye']);
  });

  it('a run with a patch runs the patched flow (a tune candidate): the timeout raised past the latency', async () => {
    const flowWithAwait: FlowFile = flow({
      channel: 'chat',
      start: 'send',
      endpoints: [{ id: 'orders', method: 'GET', url: '/orders', timeoutMs: 10_000 }],
      modules: [
        { id: 'send', type: 'api_async', endpoint: 'orders', ports: { next: 'check' } },
        { id: 'check', type: 'api_await', endpoint: 'orders', timeoutMs: 1_000, ports: { success: 'bye', waiting: 'gone', failure: 'gone' } },
        { id: 'gone', type: 'handover' },
        { id: 'bye', type: 'end' },
      ],
    });
    const s = scenario({ flow: flowWithAwait, mocks: shop });
    // The answer comes at 3,000 ms: a 1,000 ms await is still waiting, a 5,000 ms one gets it.
    const before = value(await runJob({ kind: 'run', scenario: s, endpointLatency: { orders: 3_000 } }));
    const after = value(await runJob({ kind: 'run', scenario: s, endpointLatency: { orders: 3_000 }, patch: { check: { timeoutMs: 5_000 } } }));
    expect(before.endState).toBe('handover');
    expect(after.endState).toBe('end');
  });

  it('a sweep is the boundary explorer', async () => {
    const options = { endpoint: 'orders', from: 0, to: 4_000, step: 1_000 };
    expect(value(await runJob({ kind: 'sweep', scenario: loaded, ...options }))).toEqual(sweepLatency(loaded, options));
  });

  it('an unknown endpoint is a refusal that names the endpoints the flow has', async () => {
    const outcome = await runJob({ kind: 'sweep', scenario: loaded, endpoint: 'nope', from: 0, to: 10, step: 5 });
    expect(outcome).toEqual({ ok: false, refusal: { message: "the flow has no endpoint 'nope' (endpoints: orders)", unknownEndpoint: { known: ['orders'] } } });
  });

  it("a tune's own checks are refusals (bad input), as the host always reported them", async () => {
    const outcome = await runJob({ kind: 'tune', scenario: loaded, endpoint: 'orders', model: { fixed: 100 }, fit: null, samples: 10, seed: 1, maxDeadAirMs: 1_000 });
    expect(outcome).toEqual({ ok: false, refusal: { message: "the flow has no api_await module for endpoint 'orders': nothing to tune" } });
  });

  it('any other error of a sweep is a bug: it throws, it is not blamed on the input', async () => {
    // Not through the loader: the success rule does not compile, so the engine throws.
    const broken = scenario({ flow: { ...chat, endpoints: [{ ...chat.endpoints[0]!, success: 'status ==' }] }, mocks: shop });
    await expect(runJob({ kind: 'sweep', scenario: broken, endpoint: 'orders', from: 0, to: 10, step: 5 })).rejects.toThrow();
  });
});

describe('the job contract', () => {
  it('accepts a loaded scenario as it crosses to a worker (a structured clone)', () => {
    const job = { kind: 'run', scenario: structuredClone(loaded), seed: 1 };
    expect(Job.safeParse(job).success).toBe(true);
  });

  it('refuses a malformed job with the path of what is wrong', () => {
    const parsed = Job.safeParse({ kind: 'sweep', scenario: { ...loaded, flow: { ...chat, start: 7 } }, endpoint: 'orders', from: 0, to: 10, step: 0 });
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['scenario.flow.start', 'step']));
  });

  it("checks a worker's answer against the kind's value", () => {
    expect(workerAnswer('sweep').safeParse({ ok: true, value: { endpoint: 'orders' } }).success).toBe(false);
    expect(workerAnswer('run').safeParse({ ok: false, crash: { name: 'TypeError', message: 'x is undefined' } }).success).toBe(true);
  });
});

/** A runner whose every job fails as given: what the host makes of each failure is under test. */
function failing(error: Error): JobRunner {
  return { run: () => Promise.reject(error), close: () => Promise.resolve() };
}

describe('what the host reports for a job that failed in the pool', () => {
  const sweep: JobOf<'sweep'> = { kind: 'sweep', scenario: loaded, endpoint: 'orders', from: 0, to: 10, step: 5 };

  it('a job over its limit is `failed`, saying which job and that it was ended', async () => {
    const error: unknown = await pooledValue(failing(new JobTimeoutError('sweep', 250)), sweep, 'endpoint').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ code: 'failed', message: 'the latency sweep: job took longer than 250 ms; it was ended (the worker running it was stopped)' });
  });

  it('a run over its limit is an `error` result, so one scenario cannot stop a suite', async () => {
    const result = await pooledRun(failing(new JobTimeoutError('run', 250)), { kind: 'run', scenario: loaded });
    expect(result).toMatchObject({ name: 'test scenario', status: 'error', endState: 'error', seed: 3, endReason: 'job took longer than 250 ms; it was ended (the worker running it was stopped)' });
  });

  it('a worker that failed is `failed` with its reason', async () => {
    const error: unknown = await pooledValue(failing(new JobFailedError('sweep', 'Worker terminated due to reaching memory limit')), sweep, 'endpoint').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'failed', message: 'the latency sweep: the sweep job failed in its worker: Worker terminated due to reaching memory limit' });
  });

  it('a refusal is invalid input: an unknown endpoint on `endpoint`, with the endpoints', async () => {
    const error: unknown = await pooledValue(inlineJobs, { ...sweep, endpoint: 'nope' }, 'endpoint').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_input', issues: [{ path: 'endpoint', message: 'not an endpoint of the flow (endpoints: orders)' }] });
  });
});

describe('the pool settings', () => {
  it('uses min(2, CPUs − 1) workers, at least one', () => {
    expect([1, 2, 3, 8].map((cpus) => defaultPoolSize(cpus))).toEqual([1, 1, 2, 2]);
  });

  it('takes one time limit for every kind, or limits by kind over the defaults', () => {
    expect(new JobPool({ timeLimitMs: 500 }).limitOf('tune')).toBe(500);
    const pool = new JobPool({ timeLimitMs: { sweep: 750 } });
    expect(pool.limitOf('sweep')).toBe(750);
    expect(pool.limitOf('run')).toBe(DEFAULT_TIME_LIMITS.run);
  });

  it('refuses a pool of no workers', () => {
    expect(() => new JobPool({ size: 0 })).toThrow('the worker pool needs at least 1 worker, got 0');
  });

  it('refuses jobs once closed', async () => {
    const pool = new JobPool({ size: 1 });
    await pool.close();
    await expect(pool.run({ kind: 'run', scenario: loaded })).rejects.toThrow('the run job failed in its worker: the worker pool is closed');
  });
});
