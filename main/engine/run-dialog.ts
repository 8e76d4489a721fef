import type { Clock } from './clock';
import { DialogRunner } from './dialog-runner';
import type { RunOptions, RunResult } from './dialog-runner';
import type { VirtualClock } from './virtual-clock';

/**
 * The one way to run a conversation to its end: every run (scenarios on either clock,
 * replays, live sessions, the boundary explorer) builds its runner here, so the set-up
 * and the end of a run are the same everywhere.
 */

/** Runs on the virtual clock until nothing is left to happen; synchronous and deterministic. */
export function runDialogToEnd(options: RunOptions & { clock: VirtualClock }): RunResult {
  const runner = new DialogRunner(options);
  runner.start();
  options.clock.runUntilIdle();
  if (!runner.ended) runner.stop('stalled');
  const outcome = runner.outcome;
  if (outcome === null) throw new Error('the run did not end after stop()');
  return outcome;
}

export interface StartedDialog {
  runner: DialogRunner;
  /** Resolves when the run ends (end, handover, awaiting_user, error — or `runner.stop`). */
  done: Promise<RunResult>;
}

/** Starts a run on a clock that moves by itself (the real clock); `done` settles at its end. */
export function startDialog(options: RunOptions & { clock: Clock }): StartedDialog {
  const runner = new DialogRunner(options);
  const done = new Promise<RunResult>((resolve) => runner.onEnd(resolve));
  runner.start();
  return { runner, done };
}
