/**
 * The worker pool's entry (one per worker thread): loads this worker's JavaScript sandbox
 * (QuickJS) once, then does each job it is given. Jobs come as structured clones and are
 * parsed with the job contract before anything runs; the host parses what comes back.
 */
import { MessagePort } from 'node:worker_threads';
import { describeIssues, zodIssues } from '../api/validate';
import { loadCodeSandbox } from '../sandbox/load-code-sandbox';
import { Job } from './job-contract';
import type { JobKind, WorkerAnswer } from './job-contract';
import { runJob } from './run-job';

await loadCodeSandbox();

/** A task from the pool: the job, and the port to say on when it starts (its time limit runs from there). */
export default async function doTask(task: unknown): Promise<WorkerAnswer<JobKind>> {
  const started = task !== null && typeof task === 'object' && 'started' in task ? task.started : undefined;
  if (started instanceof MessagePort) {
    started.postMessage('started');
    started.close();
  }
  const raw = task !== null && typeof task === 'object' && 'job' in task ? task.job : undefined;
  const parsed = Job.safeParse(raw);
  if (!parsed.success) throw new Error(`the worker pool was given a malformed job: ${describeIssues(zodIssues(parsed.error))}`);
  try {
    return await runJob(parsed.data);
  } catch (error) {
    // A bug, not bad input: its name, message and stack go back to the host (an internal error there).
    if (error instanceof Error) return { ok: false, crash: { name: error.name, message: error.message, ...(error.stack !== undefined ? { stack: error.stack } : {}) } };
    return { ok: false, crash: { name: 'Error', message: String(error) } };
  }
}
