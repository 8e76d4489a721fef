/** The part of the time axis on screen, in ms. */
export interface ViewWindow {
  from: number;
  to: number;
}

/** The narrowest view: 20 ms across the whole plot. */
export const MIN_SPAN_MS = 20;

/** The whole run with a little air on the right, never narrower than MIN_SPAN_MS. */
export function fitWindow(from: number, to: number): ViewWindow {
  const span = Math.max(to - from, MIN_SPAN_MS);
  return { from, to: from + span * 1.02 };
}

/** Screen x of time `t`, for a plot that starts at `left` and is `width` px wide. */
export function timeToX(t: number, view: ViewWindow, left: number, width: number): number {
  return left + ((t - view.from) / (view.to - view.from)) * width;
}

export function xToTime(x: number, view: ViewWindow, left: number, width: number): number {
  return view.from + ((x - left) / width) * (view.to - view.from);
}

/**
 * Zooms by `factor` (> 1 zooms in) keeping `anchor` (ms) at the same place on screen, and
 * keeps the view inside `bounds` as far as it can.
 */
export function zoomAt(view: ViewWindow, factor: number, anchor: number, bounds: ViewWindow): ViewWindow {
  const span = view.to - view.from;
  const maxSpan = bounds.to - bounds.from;
  const next = Math.min(Math.max(span / factor, MIN_SPAN_MS), Math.max(maxSpan, MIN_SPAN_MS));
  const ratio = span === 0 ? 0.5 : (anchor - view.from) / span;
  const from = anchor - ratio * next;
  return clampWindow({ from, to: from + next }, bounds);
}

/** Moves the view by `delta` ms, inside `bounds`. */
export function panBy(view: ViewWindow, delta: number, bounds: ViewWindow): ViewWindow {
  return clampWindow({ from: view.from + delta, to: view.to + delta }, bounds);
}

/** Shifts the view (keeping its span) so it lies inside `bounds`; a wider view is centred. */
export function clampWindow(view: ViewWindow, bounds: ViewWindow): ViewWindow {
  const span = view.to - view.from;
  const boundSpan = bounds.to - bounds.from;
  if (span >= boundSpan) {
    const mid = (bounds.from + bounds.to) / 2;
    return { from: mid - span / 2, to: mid + span / 2 };
  }
  if (view.from < bounds.from) return { from: bounds.from, to: bounds.from + span };
  if (view.to > bounds.to) return { from: bounds.to - span, to: bounds.to };
  return view;
}

/**
 * The smallest pan that brings `t` into view (with a margin), or the view itself — also when
 * the pan would be clamped back to where the view already is (a time near either end of the
 * run): the same object means "nothing to redraw" to the timeline.
 */
export function revealTime(view: ViewWindow, t: number, bounds: ViewWindow, margin = 0.05): ViewWindow {
  const span = view.to - view.from;
  const pad = span * margin;
  let next = view;
  if (t < view.from + pad) next = clampWindow({ from: t - pad, to: t - pad + span }, bounds);
  else if (t > view.to - pad) next = clampWindow({ from: t + pad - span, to: t + pad }, bounds);
  return next.from === view.from && next.to === view.to ? view : next;
}
