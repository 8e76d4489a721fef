import type { JobKind } from './job-contract';

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
