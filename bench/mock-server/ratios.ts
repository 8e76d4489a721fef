import type { LatencySample, Throughput } from './measure';

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/**
 * a / b as the median of per-round ratios: each round measures every server back to back,
 * so a busy neighbour on the machine skews one round, not the verdict.
 */
export function medianRatio(a: readonly Throughput[] | undefined, b: readonly Throughput[] | undefined): number {
  return median((a ?? []).map((x, i) => x.rps / (b?.[i]?.rps ?? NaN)));
}

export function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

export function describeLatency(l: LatencySample, targetMs: number): string {
  return `p50 ${l.p50.toFixed(2)} ms (error ${(l.p50 - targetMs).toFixed(2)}), p99 ${l.p99.toFixed(2)} ms (error ${(l.p99 - targetMs).toFixed(2)}), max ${l.max.toFixed(2)} ms, ${l.count} requests`;
}
