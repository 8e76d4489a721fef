import type { SweepBand } from '../../../main/api/routes/analysis';

/** A latency range on screen: the chart maps ms to x over [from, to]. */
export interface BandScale {
  from: number;
  to: number;
  left: number;
  width: number;
}

export function latencyToX(ms: number, scale: BandScale): number {
  const span = Math.max(scale.to - scale.from, 1);
  return scale.left + ((ms - scale.from) / span) * scale.width;
}

export function xToLatency(x: number, scale: BandScale): number {
  const span = Math.max(scale.to - scale.from, 1);
  return scale.from + ((x - scale.left) / scale.width) * span;
}

/** One band as drawn. */
export interface BandRect {
  index: number;
  x: number;
  w: number;
  band: SweepBand;
  /** Index into the chart's colours: one per distinct path, in order of first appearance. */
  colour: number;
}

/** Bands narrower than this are drawn (and clicked) this wide, over their neighbours. */
export const MIN_BAND_PX = 6;

/**
 * Where each band is drawn. Bands are inclusive integer ranges (0–4500, 4501–5000): a band
 * reaches to the midpoint between its last ms and the next band's first, so they tile the
 * axis without gaps; a very narrow band is widened to MIN_BAND_PX around its centre.
 */
export function bandRects(bands: readonly SweepBand[], scale: BandScale): BandRect[] {
  const colours = new Map<string, number>();
  return bands.map((band, index) => {
    const prev = bands[index - 1];
    const next = bands[index + 1];
    const start = prev ? (prev.to + band.from) / 2 : band.from;
    const end = next ? (band.to + next.from) / 2 : band.to;
    let x = latencyToX(start, scale);
    let w = latencyToX(end, scale) - x;
    if (w < MIN_BAND_PX) {
      x = x + w / 2 - MIN_BAND_PX / 2;
      w = MIN_BAND_PX;
    }
    if (!colours.has(band.signature)) colours.set(band.signature, colours.size);
    return { index, x, w, band, colour: colours.get(band.signature) as number };
  });
}

/** A boundary between two bands: the last ms of one and the first of the next. */
export interface BoundaryMark {
  x: number;
  text: string;
  /** Labels that would overlap go on the next row down. */
  row: number;
}

/** Approximate width of a label's characters at 11 px. */
export const LABEL_CHAR_PX = 6.4;

/** The exact boundaries, labelled `4500 | 4501`, staggered onto rows so no two labels overlap. */
export function boundaryMarks(bands: readonly SweepBand[], scale: BandScale, charPx = LABEL_CHAR_PX, gap = 8): BoundaryMark[] {
  const marks: Omit<BoundaryMark, 'row'>[] = [];
  for (let i = 0; i + 1 < bands.length; i++) {
    const a = bands[i] as SweepBand;
    const b = bands[i + 1] as SweepBand;
    marks.push({ x: latencyToX((a.to + b.from) / 2, scale), text: `${a.to} | ${b.from}` });
  }
  return placeOnRows(marks, charPx, gap);
}

/** Puts each centred label on the first row where it does not overlap the one before it. */
export function placeOnRows<T extends { x: number; text: string }>(labels: readonly T[], charPx: number, gap: number): (T & { row: number })[] {
  const rowEnds: number[] = [];
  return labels.map((label) => {
    const half = (label.text.length * charPx) / 2;
    let row = rowEnds.findIndex((end) => label.x - half >= end + gap);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = label.x + half;
    return { ...label, row };
  });
}

/** The latency a band's run is opened at: its middle, in whole ms. */
export function representativeLatency(band: Pick<SweepBand, 'from' | 'to'>): number {
  return Math.floor((band.from + band.to) / 2);
}

/** `0 – 4500 ms`, `5001 – 8000 ms`, `4750 ms`. */
export function bandRange(band: Pick<SweepBand, 'from' | 'to'>): string {
  return band.from === band.to ? `${band.from} ms` : `${band.from} – ${band.to} ms`;
}
