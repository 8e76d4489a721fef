import type { TraceEventOf } from '../api/formats/trace';

/** Words are whitespace-separated tokens (SPEC §3 rule 3). */
export function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

/** How long saying `text` takes at `wpm` words per minute: round(words × 60000 / wpm) ms. */
export function speechMs(text: string, wpm: number): number {
  return Math.round((wordCount(text) * 60000) / wpm);
}

type SayEvent = TraceEventOf<'say'>;

/** Speech on the channel: its trace event (amended when it is cut or dropped). */
export interface Speech {
  readonly event: SayEvent;
  readonly start: number;
  readonly end: number;
  readonly bargeIn: boolean;
}

/**
 * The bot's one audio channel: speech starts when the channel is free and does not block
 * the engine. It remembers the speech not yet over, so that a caller talking over the bot
 * or hanging up can cut it (SPEC §7.1 rules 11 and 13).
 */
export class AudioChannel {
  private freeAt = 0;
  private readonly queued: Speech[] = [];

  /** Queues speech asked for at `now`; returns when it plays. */
  queue(now: number, durationMs: number): { start: number; end: number } {
    const start = Math.max(now, this.freeAt);
    const end = start + durationMs;
    this.freeAt = end;
    return { start, end };
  }

  /** Remembers the `say` event of speech just queued, until it has played. */
  track(event: SayEvent, bargeIn: boolean, now: number): void {
    let over = 0;
    while (over < this.queued.length && (this.queued[over] as Speech).end <= now) over++;
    if (over > 0) this.queued.splice(0, over);
    if (event.end > event.start) this.queued.push({ event, start: event.start, end: event.end, bargeIn });
  }

  get audioEnd(): number {
    return this.freeAt;
  }

  /** The speech playing at `t` (start <= t < end), if any. */
  playingAt(t: number): Speech | undefined {
    return this.queued.find((s) => s.start <= t && t < s.end);
  }

  /**
   * Stops the audio at `t`: the speech playing then gets `cutAt`, speech queued after it is
   * dropped (zero length). Their trace events are amended in place.
   */
  cut(t: number): void {
    for (const s of this.queued) {
      if (s.end <= t) continue;
      if (s.start < t) s.event.cutAt = t;
      else {
        s.event.dropped = true;
        s.event.end = s.event.start;
      }
    }
    this.queued.length = 0;
    this.freeAt = Math.min(this.freeAt, t);
  }
}
