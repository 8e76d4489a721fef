import type { TraceEvent } from '../../../main/api/formats/trace';

/**
 * A trace filled in live: each event the host sends (runs.trace, sessions.trace) carries
 * `seq`, its index in the trace, and lands there; a snapshot of the trace so far (the host's
 * status) fills in the same indices. Nothing is counted or guessed, so an event that came
 * both live and in a snapshot is there once, and one that never came shows as a hole.
 */
export class SeqTrace {
  private readonly slots: (TraceEvent | undefined)[] = [];
  private filled = 0;

  /** Places a live event at its index; false when that index was already known. */
  place(seq: number, event: TraceEvent): boolean {
    if (!Number.isInteger(seq) || seq < 0 || this.slots[seq] !== undefined) return false;
    this.slots[seq] = event;
    this.filled++;
    return true;
  }

  /** Takes the host's trace so far (events 0 … n−1), which is exact whatever came live. */
  merge(trace: readonly TraceEvent[]): void {
    trace.forEach((event, i) => {
      if (this.slots[i] === undefined) this.filled++;
      this.slots[i] = event;
    });
  }

  /** Indices below the last event known that have not arrived (live events missed). */
  get missing(): number {
    return this.slots.length - this.filled;
  }

  /** One past the last index known. */
  get length(): number {
    return this.slots.length;
  }

  /** The events known, in trace order (a missed one is left out until a snapshot brings it). */
  events(): TraceEvent[] {
    return this.slots.filter((e): e is TraceEvent => e !== undefined);
  }
}
