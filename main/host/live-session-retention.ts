/**
 * How long the host keeps live sessions in memory. A live session holds its flow, trace,
 * recorder and HTTP agent; once its recording is in the library, memory only serves late
 * `sessions.status` / `sessions.stop` calls (the workbench stops a session that ended by
 * itself, to show its recording), so it is dropped soon after.
 */
export interface RetentionLimits {
  /** An ended session stays answerable this long after its recording was saved (or failed to save). */
  keepEndedMs: number;
  /** At most this many ended sessions are kept; the one that ended longest ago goes first. */
  maxEnded: number;
  /** A running session nobody acted on for this long is abandoned: stopped, and saved like a stop. */
  idleMs: number;
}

export const DEFAULT_RETENTION: RetentionLimits = { keepEndedMs: 10 * 60_000, maxEnded: 10, idleMs: 30 * 60_000 };

/**
 * The ended sessions still kept, oldest first: each leaves after `keepEndedMs`, or earlier
 * when more than `maxEnded` ended after it. `drop` removes it from memory.
 */
export class EndedSessions {
  /** Insertion order is the order the sessions ended in. */
  private readonly kept = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly limits: Pick<RetentionLimits, 'keepEndedMs' | 'maxEnded'>,
    private readonly drop: (id: string) => void,
  ) {}

  /** The session ended and its recording is saved (or could not be). */
  add(id: string): void {
    if (this.kept.has(id)) return;
    const timer = setTimeout(() => this.remove(id), this.limits.keepEndedMs);
    timer.unref();
    this.kept.set(id, timer);
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= this.limits.maxEnded) break;
      this.remove(oldest);
    }
  }

  /** Drops every kept session (host shutdown). */
  clear(): void {
    for (const id of [...this.kept.keys()]) this.remove(id);
  }

  private remove(id: string): void {
    const timer = this.kept.get(id);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.kept.delete(id);
    this.drop(id);
  }
}

/** Calls `onIdle` once when `touch` was not called for `idleMs`. */
export class IdleTimer {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly idleMs: number,
    private readonly onIdle: () => void,
  ) {
    this.touch();
  }

  touch(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.onIdle();
    }, this.idleMs);
    this.timer.unref();
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
