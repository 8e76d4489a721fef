import type { TraceEvent } from '../formats/trace';
import type { Interval } from './dead-air';
import { moduleSpans } from './module-spans';
import type { ModuleSpan } from './module-spans';
import { requestSpans } from './request-spans';
import type { RequestSpan } from './request-spans';

/** What the bot was busy with during a stretch of dead air: the modules it sat in and the requests on the wire. */
export interface DeadAirCauses {
  start: number;
  end: number;
  durationMs: number;
  /** Module visits that overlap the stretch and take time (a wait, a blocking api, an await). */
  modules: ModuleSpan[];
  /** Requests in flight during part of the stretch. */
  requests: RequestSpan[];
}

/** The modules and requests that overlap `gap` (strictly: touching its edge is not overlapping). */
export function deadAirCauses(trace: readonly TraceEvent[], gap: Interval): DeadAirCauses {
  const overlaps = (start: number, end: number): boolean => start < gap.end && end > gap.start;
  return {
    start: gap.start,
    end: gap.end,
    durationMs: gap.end - gap.start,
    modules: moduleSpans(trace).filter((s) => s.end > s.start && overlaps(s.start, s.end)),
    requests: requestSpans(trace).filter((r) => r.endAt > r.sentAt && overlaps(r.sentAt, r.endAt)),
  };
}
