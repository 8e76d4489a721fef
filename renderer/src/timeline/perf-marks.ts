/**
 * Performance marks the workbench leaves for `bench/ui` (and for anyone profiling in the
 * browser's DevTools). They measure, they change nothing:
 * - `flowbench:result-received`: a run result reached the runs store;
 * - `flowbench:timeline-drawn`: the timeline finished drawing that result;
 * - `flowbench:result-to-timeline`: the measure between the two.
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
