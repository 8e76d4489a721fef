import type { Clock, TaskPriority, TimerHandle } from './clock';
import { EventQueue } from './event-queue';
import type { QueuedTask } from './event-queue';

/** 2026-01-01T00:00:00Z: the start of every run on the virtual clock, as flow code sees it. */
export const VIRTUAL_EPOCH_MS = 1_767_225_600_000;

/**
 * Deterministic simulated time: `now` jumps to the next task. No wall-clock waits at all.
 */
export class VirtualClock implements Clock {
  private time: number;
  private readonly queue = new EventQueue();

  constructor(
    start = 0,
    readonly epochMs = VIRTUAL_EPOCH_MS,
  ) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  schedule(at: number, priority: TaskPriority, task: () => void): TimerHandle {
    return this.queue.push(Math.max(at, this.time), priority, task);
  }

  cancel(handle: TimerHandle): void {
    this.queue.cancel(handle as QueuedTask);
  }

  /** Runs tasks in time order until none is left (or `maxTasks` ran). Returns how many ran. */
  runUntilIdle(maxTasks = Number.POSITIVE_INFINITY): number {
    let ran = 0;
    while (ran < maxTasks) {
      const task = this.queue.pop();
      if (task === undefined) break;
      this.time = task.at;
      task.run();
      ran++;
    }
    return ran;
  }

  /** Runs every task due up to `t`, then sets the time to `t`. */
  advanceTo(t: number): void {
    for (;;) {
      const next = this.queue.peek();
      if (next === undefined || next.at > t) break;
      this.queue.pop();
      this.time = next.at;
      next.run();
    }
    this.time = Math.max(this.time, t);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.time + ms);
  }

  /** Drops every pending task (used when a run ends). */
  clear(): void {
    this.queue.clear();
  }

  get pending(): number {
    return this.queue.size;
  }
}
