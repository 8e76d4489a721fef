/**
 * Time as the engine sees it: conversation milliseconds. The virtual clock jumps from event
 * to event; the real clock follows wall time. Both run same-time tasks in priority order.
 */
export interface Clock {
  now(): number;
  /**
   * Unix ms at conversation time 0: what `Date.now()` reads in flow code at the start
   * (SPEC §7.2). Fixed on the virtual clock, the wall clock at the start on the real one.
   */
  readonly epochMs: number;
  schedule(at: number, priority: TaskPriority, task: () => void): TimerHandle;
  cancel(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly at: number;
}

/**
 * Order of tasks due at the same time. A response arriving exactly at a deadline or at a
 * module timeout counts as arrived (SPEC §3 rules 5 and 7); an endpoint deadline equal to
 * a module timeout is a failure, so deadlines run before module timers. A caller's hang-up
 * wins a tie with any other event at the same ms (SPEC §7.1 rule 13).
 */
export const TaskPriority = {
  hangup: -1,
  arrival: 0,
  deadline: 1,
  timer: 2,
  user: 3,
  guard: 4,
} as const;
export type TaskPriority = (typeof TaskPriority)[keyof typeof TaskPriority];
