import type { LatencyObservation } from './latency-observation';

/** One step of the Kaplan–Meier estimate: at `ms`, the estimated CDF jumps from `before` to `after`. */
export interface KmStep {
  ms: number;
  before: number;
  after: number;
}

/**
 * The Kaplan–Meier estimate of the latency CDF from observations some of which are censored:
 * at each observed latency t, S(t) *= 1 − d / n (d answers at t, n requests still waiting
 * just before t; a request censored at c counts as waiting until c). A censored value equal
 * to an answered one counts as still waiting at it (the usual convention). Without
 * censoring it is the empirical CDF.
 */
export function kaplanMeier(observations: readonly LatencyObservation[]): KmStep[] {
  const sorted = [...observations].sort((a, b) => a.ms - b.ms || Number(a.censored) - Number(b.censored));
  const steps: KmStep[] = [];
  let atRisk = sorted.length;
  let survival = 1;
  let i = 0;
  while (i < sorted.length) {
    const ms = (sorted[i] as LatencyObservation).ms;
    let events = 0;
    let leaving = 0;
    while (i < sorted.length && (sorted[i] as LatencyObservation).ms === ms) {
      if (!(sorted[i] as LatencyObservation).censored) events++;
      leaving++;
      i++;
    }
    if (events > 0) {
      const before = 1 - survival;
      survival *= 1 - events / atRisk;
      steps.push({ ms, before, after: 1 - survival });
    }
    atRisk -= leaving;
  }
  return steps;
}

/**
 * Kolmogorov–Smirnov distance between the (Kaplan–Meier) estimate and a model CDF: the
 * largest gap on either side of each jump. With no censoring this is the classic KS D.
 */
export function ksDistance(steps: readonly KmStep[], cdf: (ms: number) => number): number {
  let d = 0;
  for (const step of steps) {
    const f = cdf(step.ms);
    d = Math.max(d, Math.abs(step.before - f), Math.abs(step.after - f));
  }
  return d;
}
