import type { FlowFile } from '../api/formats/flow';
import type { EndState } from '../api/formats/scenario';
import type { Clock, TaskPriority, TimerHandle } from './clock';
import type { ContextStore } from './context-store';
import type { AudioChannel } from './speech';
import type { TraceRecorder } from './trace';

/**
 * What the parts of one run (the user's turns, the interruptions, the hang-up watch) share
 * with the runner: its clock, flow, trace, audio channel and contexts, its timers (cancelled
 * when the run ends) and the few ways they move it on. One object per run.
 */
export interface RunHost {
  readonly clock: Clock;
  readonly flow: FlowFile;
  readonly trace: TraceRecorder;
  readonly audio: AudioChannel;
  readonly contexts: ContextStore;
  later(at: number, priority: TaskPriority, task: () => void): TimerHandle;
  cancel(handle: TimerHandle): void;
  finish(state: EndState, reason: string | undefined): void;
  /** The user's message reached the bot: run the module the red arrow leads to. */
  hear(target: string, text: string): void;
  /** The user was silent for noInputMs while the bot waited to run `target` (the `count`-th time in a row). */
  noInput(target: string, count: number): void;
  /** The loop guard counts module entries at this time from zero again (after an interruption). */
  restartLoopCount(): void;
}
