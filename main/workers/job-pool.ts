import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Tinypool } from 'tinypool';
import { describeIssues, zodIssues } from '../api/validate';
import { workerAnswer } from './job-contract';
import type { JobKind, JobOf, JobOutcome } from './job-contract';
import { JobCrashError, JobFailedError, JobTimeoutError } from './job-errors';
import type { JobRunner } from './job-runner';
import { poolWorkerScript } from './worker-file';
import type { WorkerScript } from './worker-file';

/**
 * Wall-time limits by kind of job (ms), counted from the moment a worker starts the job
 * (not while it waits in the queue). Generous: a sweep has at most 10,000 grid points and a
 * tune 400,000 runs; a limit is there so that no input can hold a worker for ever.
 */
export const DEFAULT_TIME_LIMITS: Readonly<Record<JobKind, number>> = {
  run: 60_000,
  coverage: 300_000,
  sweep: 300_000,
  tune: 600_000,
  replay: 60_000,
  loadFlow: 60_000,
  loadMocks: 60_000,
  loadScenarios: 60_000,
  importLibrary: 300_000,
  checkFlow: 60_000,
};

/** Jobs waiting for a worker at most; more are refused at once (a flood of calls cannot grow memory without end). */
export const MAX_QUEUED_JOBS = 1_000;

export interface JobPoolOptions {
  /** Workers: default min(2, CPUs − 1), at least 1. */
  size?: number;
  /** One limit for every kind, or limits by kind (the others keep their default). */
  timeLimitMs?: number | Partial<Record<JobKind, number>>;
  /** Each worker's JavaScript heap limit (MB): a job over it ends its worker, not the host. */
  maxHeapMb?: number;
  /** The worker script (default: found from where this module runs). */
  script?: WorkerScript;
  /** A worker idle this long (ms) is ended, giving its memory back; the next job starts a fresh one. Default 10 minutes. */
  idleTimeoutMs?: number;
  /** A worker that failed while it had no job (e.g. at start-up), for logging. */
  onWorkerError?: (error: Error) => void;
}

/** The default pool size: leave a core to the host's event loop, use at most two. */
export function defaultPoolSize(cpus: number = availableParallelism()): number {
  return Math.max(1, Math.min(2, cpus - 1));
}

/**
 * CPU work off the host's event loop: each job runs in a worker thread (tinypool), with a
 * wall-time limit; a job over it is ended by terminating its worker (a fresh one takes its
 * place) and fails with a JobTimeoutError, while other jobs go on. Workers start as jobs
 * come and are kept until idle for a while, so each loads its QuickJS sandbox and compiles
 * the engine once for many jobs.
 */
export class JobPool implements JobRunner {
  readonly size: number;
  private readonly limits: Readonly<Record<JobKind, number>>;
  private pool: Tinypool | null = null;
  private closed = false;

  constructor(private readonly options: JobPoolOptions = {}) {
    this.size = options.size ?? defaultPoolSize();
    if (!Number.isInteger(this.size) || this.size < 1) throw new Error(`the worker pool needs at least 1 worker, got ${this.size}`);
    const limit = options.timeLimitMs;
    this.limits = typeof limit === 'number' ? mapKinds(() => limit) : { ...DEFAULT_TIME_LIMITS, ...limit };
  }

  /** The wall-time limit of a kind of job (ms). */
  limitOf(kind: JobKind): number {
    return this.limits[kind];
  }

  async run<K extends JobKind>(job: JobOf<K>): Promise<JobOutcome<K>> {
    if (this.closed) throw new JobFailedError(job.kind, 'the worker pool is closed');
    const limitMs = this.limitOf(job.kind);
    const controller = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let timer: NodeJS.Timeout | undefined;
    port1.once('message', () => {
      timer = setTimeout(() => controller.abort(), limitMs);
    });
    let raw: unknown;
    try {
      raw = await this.tinypool().run({ job, started: port2 }, { signal: controller.signal, transferList: [port2] });
    } catch (error) {
      if (controller.signal.aborted) throw new JobTimeoutError(job.kind, limitMs);
      throw new JobFailedError(job.kind, error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
      port1.close();
    }
    const parsed = workerAnswer(job.kind).safeParse(raw);
    if (!parsed.success) throw new JobFailedError(job.kind, `its result breaks the job contract: ${describeIssues(zodIssues(parsed.error))}`);
    const answer = parsed.data;
    if ('crash' in answer) throw new JobCrashError(job.kind, answer.crash);
    // The schema for kind K parses to K's outcome; zod cannot carry the generic through.
    return answer as JobOutcome<K>;
  }

  /** Ends every worker (running jobs fail); later jobs are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }

  private tinypool(): Tinypool {
    if (this.pool !== null) return this.pool;
    const script = this.options.script ?? poolWorkerScript();
    const pool = new Tinypool({
      filename: script.url.href,
      runtime: 'worker_threads',
      minThreads: 0,
      maxThreads: this.size,
      idleTimeout: this.options.idleTimeoutMs ?? 600_000,
      concurrentTasksPerWorker: 1,
      maxQueue: MAX_QUEUED_JOBS,
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 2048 },
    });
    pool.on('error', (error: unknown) => this.options.onWorkerError?.(error instanceof Error ? error : new Error(String(error))));
    this.pool = pool;
    return pool;
  }
}

function mapKinds(limit: (kind: JobKind) => number): Record<JobKind, number> {
  return {
    run: limit('run'),
    coverage: limit('coverage'),
    sweep: limit('sweep'),
    tune: limit('tune'),
    replay: limit('replay'),
    loadFlow: limit('loadFlow'),
    loadMocks: limit('loadMocks'),
    loadScenarios: limit('loadScenarios'),
    importLibrary: limit('importLibrary'),
    checkFlow: limit('checkFlow'),
  };
}
