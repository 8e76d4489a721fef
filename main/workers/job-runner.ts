import type { JobKind, JobOf, JobOutcome } from './job-contract';
import { runJob } from './run-job';

/** Runs jobs: in the worker pool (the host), or in the calling thread. */
export interface JobRunner {
  run<K extends JobKind>(job: JobOf<K>): Promise<JobOutcome<K>>;
  close(): Promise<void>;
}

/**
 * Runs each job in the calling thread, with no time limit: for code that has no event loop
 * to keep free (a one-shot command, a service under a unit test).
 */
export const inlineJobs: JobRunner = {
  run: (job) => runJob(job),
  close: () => Promise.resolve(),
};
