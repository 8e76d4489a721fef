/** Words are whitespace-separated tokens (SPEC §3 rule 3). */
export function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

/** How long saying `text` takes at `wpm` words per minute: round(words × 60000 / wpm) ms. */
export function speechMs(text: string, wpm: number): number {
  return Math.round((wordCount(text) * 60000) / wpm);
}

/**
 * The bot's one audio channel: speech starts when the channel is free and does not block
 * the engine.
 */
export class AudioChannel {
  private freeAt = 0;

  /** Queues speech asked for at `now`; returns when it plays. */
  queue(now: number, durationMs: number): { start: number; end: number } {
    const start = Math.max(now, this.freeAt);
    const end = start + durationMs;
    this.freeAt = end;
    return { start, end };
  }

  get audioEnd(): number {
    return this.freeAt;
  }
}
