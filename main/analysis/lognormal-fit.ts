import { mean, quantileSorted, standardDeviation } from 'simple-statistics';
import { Z_P99 } from '../../mocks/core/latency';
import { kaplanMeier, ksDistance } from './kaplan-meier';
import type { LatencyObservation } from './latency-observation';
import { inverseMillsRatio, normalCdf } from './normal-tail';

/**
 * Latencies are whole milliseconds in every source; a 0 (an answer within the same ms) has
 * no logarithm, so it is taken as half a millisecond.
 */
const SMALLEST_MS = 0.5;
/** The EM iteration stops when neither parameter moves by more than this (in ln-ms). */
const TOLERANCE = 1e-10;
const MAX_ITERATIONS = 10_000;
/** Lilliefors' 5 % critical value for D with both parameters estimated (large n): 0.886/√n. */
const LILLIEFORS_5 = 0.886;

export interface LognormalFit {
  /** Observations used: answered plus censored. */
  n: number;
  answered: number;
  censored: number;
  /** Mean and standard deviation of ln(latency ms): the maximum-likelihood estimates. */
  mu: number;
  sigma: number;
  /** e^mu and e^(mu + 2.326·sigma). */
  medianMs: number;
  p99Ms: number;
  /** Kolmogorov–Smirnov D between the data (Kaplan–Meier when censored) and the model. */
  ksD: number;
  /** The 5 % critical value of D (Lilliefors) for a sample without censoring; null otherwise or below 5 answers. */
  ksCritical: number | null;
  /** EM iterations (0 when nothing was censored: the closed form). */
  iterations: number;
  /** The answered latencies' own quantiles (ms), for comparison with the model. */
  observed: { minMs: number; p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number };
}

export class FitError extends Error {
  override readonly name = 'FitError';
}

/**
 * Fits a lognormal model by maximum likelihood (SPEC §7.4). Without censoring this is the
 * closed form: mu = mean(ln x), sigma = population sd of ln x, so median = e^mu and p99 =
 * e^(mu + 2.326·sigma). With censored requests (no answer after c ms: the latency is > c)
 * the likelihood gains a survival term per censored request and has no closed form; it is
 * maximised by EM over y = ln x, whose E-step replaces each censored y by its conditional
 * moments given y > ln c: E[y] = mu + sigma·λ(z), E[y²] = mu² + sigma² + sigma·(ln c + mu)·λ(z)
 * with z = (ln c − mu)/sigma and λ the inverse Mills ratio.
 */
export function fitLognormal(observations: readonly LatencyObservation[]): LognormalFit {
  const answeredLogs = observations.filter((o) => !o.censored).map((o) => Math.log(Math.max(o.ms, SMALLEST_MS)));
  const censoredLogs = observations.filter((o) => o.censored).map((o) => Math.log(Math.max(o.ms, SMALLEST_MS)));
  if (answeredLogs.length < 2) {
    throw new FitError(
      `need at least 2 answered requests to fit a model, got ${answeredLogs.length}` + (censoredLogs.length > 0 ? ` (and ${censoredLogs.length} without an answer)` : ''),
    );
  }
  let mu = mean(answeredLogs);
  let sigma = standardDeviation(answeredLogs);
  let iterations = 0;
  if (censoredLogs.length > 0) {
    const n = answeredLogs.length + censoredLogs.length;
    const sumY = answeredLogs.reduce((s, y) => s + y, 0);
    const sumY2 = answeredLogs.reduce((s, y) => s + y * y, 0);
    sigma = Math.max(sigma, 1e-6);
    while (iterations < MAX_ITERATIONS) {
      iterations++;
      let ey = sumY;
      let ey2 = sumY2;
      for (const c of censoredLogs) {
        const lambda = inverseMillsRatio((c - mu) / sigma);
        ey += mu + sigma * lambda;
        ey2 += mu * mu + sigma * sigma + sigma * (c + mu) * lambda;
      }
      const nextMu = ey / n;
      const nextSigma = Math.sqrt(Math.max(ey2 / n - nextMu * nextMu, 1e-12));
      const moved = Math.max(Math.abs(nextMu - mu), Math.abs(nextSigma - sigma));
      mu = nextMu;
      sigma = nextSigma;
      if (moved < TOLERANCE) break;
    }
  }
  const cdf = (ms: number): number => (sigma === 0 ? (Math.log(Math.max(ms, SMALLEST_MS)) >= mu ? 1 : 0) : normalCdf((Math.log(Math.max(ms, SMALLEST_MS)) - mu) / sigma));
  const answered = observations.filter((o) => !o.censored).map((o) => o.ms).sort((a, b) => a - b);
  return {
    n: observations.length,
    answered: answered.length,
    censored: censoredLogs.length,
    mu,
    sigma,
    medianMs: Math.exp(mu),
    p99Ms: Math.exp(mu + Z_P99 * sigma),
    ksD: ksDistance(kaplanMeier(observations), cdf),
    ksCritical: censoredLogs.length === 0 && answered.length >= 5 ? LILLIEFORS_5 / Math.sqrt(answered.length) : null,
    iterations,
    observed: {
      minMs: answered[0] as number,
      p50Ms: quantileSorted(answered, 0.5),
      p95Ms: quantileSorted(answered, 0.95),
      p99Ms: quantileSorted(answered, 0.99),
      maxMs: answered[answered.length - 1] as number,
    },
  };
}
