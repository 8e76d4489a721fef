import type { TuneCandidate, TuneTable } from '../../../main/api/routes/analysis-tune';

/** The plot area of the chart, in px. */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface TunePoint {
  /** Index of the candidate in the table. */
  index: number;
  x: number;
  y: number;
  /** `2000 ms` or `2000 ms ×3` (timeout and counter max). */
  label: string;
  recommended: boolean;
  /** Its p95 dead air is within the limit. */
  within: boolean;
}

export interface AxisTick {
  at: number;
  value: number;
  label: string;
}

export interface TuneChart {
  points: TunePoint[];
  /** What x measures: p95 dead air (voice), else p95 call length (chat has no dead air). */
  xLabel: string;
  xMax: number;
  yMax: number;
  xTicks: AxisTick[];
  yTicks: AxisTick[];
  /** x of the dead-air limit, when the chart shows dead air and the limit is on it. */
  limitX: number | null;
}

/** The x value of a candidate: p95 dead air for voice flows, p95 call length when there is no dead air. */
export function xValue(c: TuneCandidate): number {
  return c.deadAirMs?.p95 ?? c.callMs.p95;
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value` (0 stays 0). */
export function niceCeil(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value - 1e-9) ?? 10;
  return step * power;
}

export function candidateLabel(c: Pick<TuneCandidate, 'timeoutMs' | 'counterMax'>, showCounter: boolean): string {
  return showCounter && c.counterMax !== null ? `${c.timeoutMs} ms ×${c.counterMax}` : `${c.timeoutMs} ms`;
}

/**
 * Handover probability (y, up) against p95 dead air (x): one point per candidate, the
 * recommended one marked. x runs from 0 to a round value past both the largest point and
 * the dead-air limit; y from 0 to a round probability past the largest (at least 1 %).
 */
export function tuneChart(table: TuneTable, box: PlotBox, ticks = 5): TuneChart {
  const voice = table.candidates.some((c) => c.deadAirMs !== null);
  const counters = new Set(table.candidates.map((c) => c.counterMax)).size > 1;
  const xMax = niceCeil(Math.max(1, ...table.candidates.map(xValue), voice ? table.maxDeadAirMs : 0) * 1.05);
  const yMax = Math.min(1, niceCeil(Math.max(0.01, ...table.candidates.map((c) => c.handoverProbability)) * 1.05));
  const toX = (v: number): number => box.left + (v / xMax) * box.width;
  const toY = (p: number): number => box.top + box.height - (p / yMax) * box.height;
  const points = table.candidates.map((c, index) => ({
    index,
    x: toX(xValue(c)),
    y: toY(c.handoverProbability),
    label: candidateLabel(c, counters),
    recommended: table.recommendation?.candidate === index,
    within: c.withinDeadAir,
  }));
  const xStep = niceCeil(xMax / ticks);
  const yStep = niceCeil(yMax / ticks);
  const xTicks: AxisTick[] = [];
  for (let v = 0; v <= xMax + 1e-9; v += xStep) xTicks.push({ at: toX(v), value: v, label: v >= 1000 && v % 1000 === 0 ? `${v / 1000} s` : `${v} ms` });
  const yTicks: AxisTick[] = [];
  for (let k = 0; k * yStep <= yMax + 1e-9; k++) {
    const v = Math.round(k * yStep * 1e6) / 1e6;
    yTicks.push({ at: toY(v), value: v, label: `${Math.round(v * 1000) / 10} %` });
  }
  return {
    points,
    xLabel: voice ? 'p95 dead air' : 'p95 call length (a chat flow has no dead air)',
    xMax,
    yMax,
    xTicks,
    yTicks,
    limitX: voice && table.maxDeadAirMs <= xMax ? toX(table.maxDeadAirMs) : null,
  };
}
