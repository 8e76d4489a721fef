/**
 * Performance marks the workbench leaves for `bench/ui` (and for anyone profiling in the
 * browser's DevTools). They measure, they change nothing:
 * - `flowbench:result-received`: a run result reached the runs store;
 * - `flowbench:timeline-drawn`: the timeline finished drawing that result;
 * - `flowbench:result-to-timeline`: the measure between the two;
 * - `flowbench:scrub`: one scrub step, from the scrubber moving (key, slider, click) to the
 *   panels updated and the scrubber line drawn (the browser's paint comes after).
 */
export const RESULT_RECEIVED = 'flowbench:result-received';
export const TIMELINE_DRAWN = 'flowbench:timeline-drawn';
export const RESULT_TO_TIMELINE = 'flowbench:result-to-timeline';

export function markResultReceived(): void {
  performance.clearMarks(RESULT_RECEIVED);
  performance.clearMarks(TIMELINE_DRAWN);
  performance.clearMeasures(RESULT_TO_TIMELINE);
  performance.mark(RESULT_RECEIVED);
}

/** Marks the first draw after a result arrived; later redraws (zoom, theme) leave no mark. */
export function markTimelineDrawn(): void {
  if (performance.getEntriesByName(RESULT_RECEIVED, 'mark').length === 0) return;
  if (performance.getEntriesByName(TIMELINE_DRAWN, 'mark').length > 0) return;
  performance.mark(TIMELINE_DRAWN);
  performance.measure(RESULT_TO_TIMELINE, RESULT_RECEIVED, TIMELINE_DRAWN);
}

export const SCRUB_START = 'flowbench:scrub-start';
export const SCRUB = 'flowbench:scrub';

export function markScrubStart(): void {
  performance.clearMarks(SCRUB_START);
  performance.mark(SCRUB_START);
}

/** Ends the scrub measure (once per step; later draws leave no mark). */
export function markScrubDrawn(): void {
  if (performance.getEntriesByName(SCRUB_START, 'mark').length === 0) return;
  performance.clearMeasures(SCRUB);
  performance.measure(SCRUB, SCRUB_START);
  performance.clearMarks(SCRUB_START);
}
