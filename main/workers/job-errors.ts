import type { JobCrash, JobKind } from './job-contract';

/** A job that ran past its wall-time limit: its worker was ended (terminated). */
export class JobTimeoutError extends Error {
  constructor(
    readonly kind: JobKind,
    readonly limitMs: number,
  ) {
    super(`job took longer than ${limitMs} ms; it was ended (the worker running it was stopped)`);
    this.name = 'JobTimeoutError';
  }
}

/** A job whose worker failed (it ran out of memory, crashed, or answered outside the contract). */
export class JobFailedError extends Error {
  constructor(
    readonly kind: JobKind,
    reason: string,
  ) {
    super(`the ${kind} job failed in its worker: ${reason}`);
    this.name = 'JobFailedError';
  }
}

/** A job that threw in its worker (a bug in flowbench, not bad input): the worker's error, with its stack. */
export class JobCrashError extends Error {
  constructor(
    readonly kind: JobKind,
    crash: JobCrash,
  ) {
    super(crash.message);
    this.name = crash.name;
    if (crash.stack !== undefined) this.stack = crash.stack;
  }
}
