import { performance } from 'node:perf_hooks';
import type { Clock, TaskPriority, TimerHandle } from '../engine/clock';
import { EventQueue } from '../engine/event-queue';
import type { QueuedTask } from '../engine/event-queue';

/** The longest delay Node's setTimeout honours (2^31 - 1 ms, about 24.8 days). */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * Wall time, in conversation milliseconds: with `timeScale` 0.25 every delay and timeout
 * takes a quarter of its time, and `now()` still reads conversation time. One timer drives
 * the same event queue as the virtual clock, so same-time tasks keep their priorities.
 */
export class RealClock implements Clock {
  private readonly queue = new EventQueue();
  private readonly startedAt = performance.now();
  /** The wall clock when this clock started: conversation time 0. */
  readonly epochMs = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Number.POSITIVE_INFINITY;
  private readonly lateness = { timers: 0, max: 0, sum: 0 };

  constructor(readonly timeScale = 1) {
    if (!(timeScale > 0)) throw new Error(`timeScale must be above 0, got ${timeScale}`);
  }

  now(): number {
    return Math.round((performance.now() - this.startedAt) / this.timeScale);
  }

  schedule(at: number, priority: TaskPriority, task: () => void): TimerHandle {
    const handle = this.queue.push(Math.max(at, this.now()), priority, task);
    this.arm();
    return handle;
  }

  cancel(handle: TimerHandle): void {
    this.queue.cancel(handle as QueuedTask);
  }

  /**
   * How late the tasks ran, in conversation ms: the time each one ran minus the time it was
   * due. The event loop's lag under load, scaled like everything else (1 wall ms = 1/timeScale).
   */
  drift(): { timers: number; maxLateMs: number; meanLateMs: number } {
    const { timers, max, sum } = this.lateness;
    return { timers, maxLateMs: max, meanLateMs: timers === 0 ? 0 : Math.round((sum / timers) * 10) / 10 };
  }

  /** Stops the timer and drops every task. */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.clear();
  }

  private arm(): void {
    const next = this.queue.peek();
    if (next === undefined) return;
    if (this.timer !== null && next.at >= this.armedFor) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.armedFor = next.at;
    const delay = Math.max(0, (next.at - (performance.now() - this.startedAt) / this.timeScale) * this.timeScale);
    // Node fires a timeout of 2^31 ms or more after 1 ms: a longer wait is taken in steps
    // (`fire` runs nothing that is not due yet and arms again for the rest).
    this.timer = setTimeout(() => this.fire(), Math.min(delay, MAX_TIMER_DELAY_MS));
  }

  private fire(): void {
    this.timer = null;
    this.armedFor = Number.POSITIVE_INFINITY;
    const now = this.now();
    for (;;) {
      const next = this.queue.peek();
      if (next === undefined || next.at > now) break;
      this.queue.pop();
      const late = Math.max(0, now - next.at);
      this.lateness.timers++;
      this.lateness.sum += late;
      this.lateness.max = Math.max(this.lateness.max, late);
      next.run();
    }
    this.arm();
  }
}
