import type { LatencyFit } from '../api/routes/analysis-tune';
import type { ObservationSet } from './latency-observation';
import { fitLognormal } from './lognormal-fit';

/** Median and p99 of a fitted model are given to 0.1 ms: the model printed is the model sampled. */
const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Fits the endpoint's observations and reports it as the API does, with the model to sample from. */
export function fitLatencies(set: ObservationSet, endpoint: string): LatencyFit {
  if (set.observations.length === 0) {
    throw new Error(`no request of endpoint '${endpoint}' in ${set.source} (${set.skipped} other request${set.skipped === 1 ? '' : 's'})`);
  }
  const fit = fitLognormal(set.observations);
  const medianMs = Math.max(round1(fit.medianMs), 0.1);
  return {
    endpoint,
    source: set.source,
    n: fit.n,
    answered: fit.answered,
    censored: fit.censored,
    skipped: set.skipped,
    mu: fit.mu,
    sigma: fit.sigma,
    medianMs: fit.medianMs,
    p99Ms: fit.p99Ms,
    ksD: fit.ksD,
    ksCritical: fit.ksCritical,
    iterations: fit.iterations,
    observed: fit.observed,
    model: { lognormal: { medianMs, p99Ms: Math.max(round1(fit.p99Ms), medianMs) } },
  };
}
