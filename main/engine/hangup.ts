import type { TimerHandle } from './clock';
import { TaskPriority } from './clock';
import type { RunHost } from './run-host';
import type { HangupTrigger } from './user-source';

/** Whether there is dead air: the bot is not waiting for the user and nothing sounds. */
export interface DeadAirSource {
  /** The bot is waiting for the user (from its red arrow until the message arrives or no-input). */
  waiting(): boolean;
  /** When the last sound or wait ends (or ended): dead air can only begin then. */
  busyUntil(): number;
}

/**
 * The scripted caller's hang-up (SPEC §7.1 rule 13). Once the `hangup` step is current,
 * `atMs` and `deadAirMs` are armed; `afterMs` counts from the next time the bot waits for
 * the user. The hang-up runs before anything else due at the same ms.
 */
export class HangupWatch {
  private trigger: HangupTrigger | null = null;
  private afterArmed = false;
  private timer: TimerHandle | null = null;

  constructor(
    private readonly host: RunHost,
    private readonly air: DeadAirSource,
  ) {}

  /** The hang-up step became the current step (at `now`). */
  current(trigger: HangupTrigger): void {
    this.trigger = trigger;
    if ('atMs' in trigger) this.set(Math.max(this.host.clock.now(), trigger.atMs), () => this.hangUp(`caller hung up at ${trigger.atMs} ms`));
    else if ('deadAirMs' in trigger) this.watchDeadAir(trigger.deadAirMs);
  }

  /** The bot waits for the user from `w` while the hang-up step is current: arms `afterMs` (once). */
  armAfterWait(w: number): void {
    const trigger = this.trigger;
    if (trigger === null || !('afterMs' in trigger) || this.afterArmed) return;
    this.afterArmed = true;
    this.set(w + trigger.afterMs, () => this.hangUp(`caller hung up ${trigger.afterMs} ms after the bot started waiting at ${w} ms`));
  }

  /** The bot starts waiting for the user: no dead air while it waits. */
  waitStarted(): void {
    if (this.trigger !== null && 'deadAirMs' in this.trigger) this.clear();
  }

  /** The bot stopped waiting: dead air may begin once the last sound ends. */
  waitEnded(): void {
    if (this.trigger !== null && 'deadAirMs' in this.trigger) this.watchDeadAir(this.trigger.deadAirMs);
  }

  /**
   * Dead air lasts from when the last sound or wait ended until something is said or the
   * bot waits again. The check runs when the stretch would reach `limit`; speech queued
   * meanwhile only moves the end of the last sound later, so the check re-arms itself.
   */
  private watchDeadAir(limit: number): void {
    if (this.air.waiting()) {
      this.clear();
      return;
    }
    const from = this.air.busyUntil();
    this.set(Math.max(this.host.clock.now(), from + limit), () => {
      if (this.air.waiting()) return;
      const since = this.air.busyUntil();
      if (since + limit > this.host.clock.now()) this.watchDeadAir(limit);
      else this.hangUp(`caller hung up after ${limit} ms of dead air (from ${since} ms)`);
    });
  }

  private hangUp(reason: string): void {
    this.host.finish('hangup', reason);
  }

  private set(at: number, task: () => void): void {
    this.clear();
    this.timer = this.host.later(at, TaskPriority.hangup, () => {
      this.timer = null;
      task();
    });
  }

  private clear(): void {
    if (this.timer !== null) this.host.cancel(this.timer);
    this.timer = null;
  }
}
