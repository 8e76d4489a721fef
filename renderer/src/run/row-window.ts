/** The rows of a windowed list to render: from `first` (included) to `end` (excluded). */
export interface RowWindow {
  first: number;
  end: number;
}

/**
 * The rows on screen in a list of `count` rows of `rowHeight` px scrolled by `scrollTop` in a
 * viewport `viewport` px tall, with `overscan` more rows either side.
 */
export function rowWindow(count: number, scrollTop: number, rowHeight: number, viewport: number, overscan = 3): RowWindow {
  // A scroll past the end (the list just got shorter) stands for the end.
  const top = Math.floor(Math.min(Math.max(0, scrollTop), Math.max(0, count * rowHeight - viewport)) / rowHeight);
  const first = Math.max(0, Math.min(count, top - overscan));
  const end = Math.min(count, top + Math.ceil(viewport / rowHeight) + 1 + overscan);
  return { first, end: Math.max(first, end) };
}

/**
 * The scroll position that shows row `index`: the bottom of the list when `follow` (the last
 * row so far follows the scrubber), else the least scrolling that brings the row into view.
 * Always between 0 and the largest scroll the list allows.
 */
export function scrollToShow(index: number, follow: boolean, scrollTop: number, count: number, rowHeight: number, viewport: number): number {
  const max = Math.max(0, count * rowHeight - viewport);
  let top = scrollTop;
  if (follow) top = max;
  else if (index * rowHeight < scrollTop) top = index * rowHeight;
  else if ((index + 1) * rowHeight > scrollTop + viewport) top = (index + 1) * rowHeight - viewport;
  return Math.min(Math.max(0, top), max);
}
