import type { TraceEvent } from '../api/formats/trace';

export type { TraceEvent, TraceEventOf, TraceEventType } from '../api/formats/trace';

/** Collects the trace of one run, in order; every event also goes to `onEvent` (live UIs). */
export class TraceRecorder {
  readonly events: TraceEvent[] = [];

  constructor(private readonly onEvent?: (event: TraceEvent) => void) {}

  push(event: TraceEvent): void {
    this.events.push(event);
    this.onEvent?.(event);
  }
}
