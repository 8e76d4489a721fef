/** How many of the times (sorted ascending) are at or before `t`: a binary search. */
export function countAtOrBefore(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The scrub time after one step left (-1) or right (+1): 100 ms, or 1 s with `big`. */
export function stepTime(t: number, direction: -1 | 1, big: boolean, from: number, to: number): number {
  const step = big ? 1000 : 100;
  const next = direction > 0 ? Math.floor(t / step) * step + step : Math.ceil(t / step) * step - step;
  return clamp(next, from, to);
}

/**
 * The index (into `times`) of the entry after (+1) or before (-1) the `current` index, or
 * null at either end. With no current entry: the first entry after time `t` (+1), or the
 * last one at or before it (-1).
 */
export function neighbourIndex(times: readonly number[], current: number | null, t: number, direction: -1 | 1): number | null {
  if (times.length === 0) return null;
  if (current !== null) {
    const next = current + direction;
    return next >= 0 && next < times.length ? next : null;
  }
  const upTo = countAtOrBefore(times, t);
  if (direction > 0) return upTo < times.length ? upTo : null;
  return upTo > 0 ? upTo - 1 : null;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
