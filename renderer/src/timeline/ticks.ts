import type { ViewWindow } from './view-window';

export interface Tick {
  t: number;
  label: string;
  /** Major ticks carry a label; minor ones only a short line. */
  major: boolean;
}

const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];

/** The tick step (ms) that puts labels at least `minPx` apart. */
export function tickStep(view: ViewWindow, width: number, minPx = 80): number {
  const msPerPx = (view.to - view.from) / Math.max(width, 1);
  const wanted = msPerPx * minPx;
  return STEPS.find((s) => s >= wanted) ?? Math.ceil(wanted / 600_000) * 600_000;
}

/** Labelled ticks on round times, with five minor ticks between them. */
export function axisTicks(view: ViewWindow, width: number, minPx = 80): Tick[] {
  const step = tickStep(view, width, minPx);
  const minor = step / 5;
  const ticks: Tick[] = [];
  const first = Math.ceil(view.from / minor) * minor;
  for (let t = first; t <= view.to; t += minor) {
    const rounded = Math.round(t * 1000) / 1000;
    const major = Math.abs(rounded / step - Math.round(rounded / step)) < 1e-9;
    ticks.push({ t: rounded, major, label: major ? tickLabel(rounded, step) : '' });
    if (ticks.length > 2000) break;
  }
  return ticks;
}

function tickLabel(t: number, step: number): string {
  if (step < 1000) return `${t} ms`;
  if (step < 60_000) return `${t / 1000} s`;
  const minutes = Math.floor(t / 60_000);
  const seconds = Math.round((t % 60_000) / 1000);
  return seconds === 0 ? `${minutes} min` : `${minutes}:${String(seconds).padStart(2, '0')}`;
}
