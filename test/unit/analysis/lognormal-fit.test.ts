import { describe, expect, it } from 'vitest';
import { fitLognormal } from '../../../main/analysis/lognormal-fit';
import { kaplanMeier, ksDistance } from '../../../main/analysis/kaplan-meier';
import type { LatencyObservation } from '../../../main/analysis/latency-observation';
import { inverseMillsRatio, normalCdf, normalPdf } from '../../../main/analysis/normal-tail';
import { sampleLatency } from '../../../mocks/core/latency';
import { requestDraws, uniformDraw } from '../../../mocks/core/seeded-rng';

/** z of the 99th percentile: p99 = median · e^(Z·σ) (SPEC §2.2, §7.4). */
const Z = 2.3263478740408408;

/*
 * The model the mocks of the examples use: median 800 ms, p99 6000 ms, so
 *   μ = ln 800 = 6.684612, σ = ln(6000/800) / Z = 2.014903 / 2.326348 = 0.866122.
 * A seeded sample of n = 10,000 drawn exactly as the mock server draws latencies (whole ms).
 */
const MU = Math.log(800);
const SIGMA = Math.log(6000 / 800) / Z;
const N = 10_000;
const sample = Array.from({ length: N }, (_, k) => sampleLatency({ lognormal: { medianMs: 800, p99Ms: 6000 } }, k + 1, requestDraws(2026, 'fit-test', k + 1)));

/*
 * Tolerance: four standard errors of the maximum-likelihood estimates, which for a normal
 * sample of ln x are SE(μ̂) = σ/√n = 0.00866 and SE(σ̂) = σ/√(2n) = 0.00612. A seeded sample
 * is a fixed sample, but any seed lands within 4 SE with probability 1 − 6e-5 per parameter,
 * so the bound is not tuned to this seed. Rounding to whole ms moves ln x by at most 0.5/x:
 * below 0.002 for the 99.99 % of draws above 250 ms, far inside the tolerance.
 */
const TOL_MU = (4 * SIGMA) / Math.sqrt(N); // 0.0346 → the median within ±3.5 %
const TOL_SIGMA = (4 * SIGMA) / Math.sqrt(2 * N); // 0.0245

describe('lognormal fit by maximum likelihood', () => {
  it('recovers median and p99 of a seeded lognormal sample (n = 10,000) within 4 standard errors', () => {
    const fit = fitLognormal(sample.map((ms) => ({ ms, censored: false })));
    expect(fit.n).toBe(N);
    expect(fit.censored).toBe(0);
    expect(fit.iterations).toBe(0); // no censoring: the closed form
    expect(Math.abs(fit.mu - MU)).toBeLessThan(TOL_MU);
    expect(Math.abs(fit.sigma - SIGMA)).toBeLessThan(TOL_SIGMA);
    // median = e^μ̂ within e^±0.0346; p99 = e^(μ̂ + Zσ̂) within e^±(0.0346 + Z·0.0245) = ±9.5 %.
    expect(fit.medianMs / 800).toBeGreaterThan(Math.exp(-TOL_MU));
    expect(fit.medianMs / 800).toBeLessThan(Math.exp(TOL_MU));
    expect(Math.abs(Math.log(fit.p99Ms / 6000))).toBeLessThan(TOL_MU + Z * TOL_SIGMA);
    // A sample from the model itself: D below the 1 % Kolmogorov critical value 1.628/√n
    // (already conservative: estimating the parameters makes D smaller), and below
    // Lilliefors' 5 % value 0.886/√n = 0.00886 that the fit reports.
    expect(fit.ksD).toBeLessThan(1.628 / Math.sqrt(N));
    expect(fit.ksCritical).toBeCloseTo(0.886 / Math.sqrt(N), 10);
    expect(fit.ksD).toBeLessThan(fit.ksCritical ?? 0);
  });

  it('works the closed form out exactly on three values', () => {
    // ln 100, ln 1000, ln 10000 = 6.9078 ∓ 2.302585: mean ln 1000, so the median is 1000 (the
    // geometric mean); population sd = 2.302585·√(2/3) = 1.880053; p99 = 1000·e^(Z·1.880053)
    // = 1000·e^4.373657 = 79,333 ms.
    const fit = fitLognormal([100, 1000, 10_000].map((ms) => ({ ms, censored: false })));
    expect(fit.medianMs).toBeCloseTo(1000, 6);
    expect(fit.sigma).toBeCloseTo(1.880053, 5);
    expect(Math.round(fit.p99Ms)).toBe(79_333);
    // KS D: the model CDF at the three values is Φ(−1.224745) = 0.110335, Φ(0) = 0.5 and
    // 0.889665; the empirical CDF steps 0→1/3→2/3→1, so the largest gap is
    // 1/3 − 0.110335 = 0.222998 (and symmetrically 0.889665 − 2/3).
    expect(fit.ksD).toBeCloseTo(0.222998, 5);
    expect(fit.observed).toEqual({ minMs: 100, p50Ms: 1000, p95Ms: 9100, p99Ms: 9820, maxMs: 10_000 });
  });

  it('counts a request without an answer as censored, which a fit of the answers alone gets wrong', () => {
    // The same sample seen by a bot that gives up at 3000 ms: P(X > 3000) = 1 − Φ((ln 3000 −
    // ln 800)/σ) = 1 − Φ(1.5261) = 6.35 %, so about 635 requests only say "more than 3000 ms".
    const censored: LatencyObservation[] = sample.map((ms) => (ms > 3000 ? { ms: 3000, censored: true } : { ms, censored: false }));
    const gaveUp = censored.filter((o) => o.censored).length;
    expect(gaveUp).toBeGreaterThan(500);
    expect(gaveUp).toBeLessThan(770);
    const fit = fitLognormal(censored);
    expect(fit.censored).toBe(gaveUp);
    expect(fit.iterations).toBeGreaterThan(0);
    // Censoring at the 94th percentile loses little information: the same 4-SE bounds hold
    // with room to spare (the censored-normal MLE's variance is a few % above the complete one).
    expect(Math.abs(fit.mu - MU)).toBeLessThan(TOL_MU);
    expect(Math.abs(fit.sigma - SIGMA)).toBeLessThan(TOL_SIGMA);
    expect(fit.ksCritical).toBeNull(); // Lilliefors' table is for complete samples
    expect(fit.ksD).toBeLessThan(1.628 / Math.sqrt(N));
    // Dropping the timeouts fits the normal truncated at b = 1.5261: with r = φ(b)/Φ(b) =
    // 0.13294, its sd is σ·√(1 − b·r − r²) = 0.7647 and its mean μ − σ·r = 6.5695, so σ comes
    // out 0.101 too small (16 standard errors) and the p99 e^(6.5695 + Z·0.7647) = 4223 ms
    // instead of 6000: the slow tail a timeout is tuned for is gone.
    const answersOnly = fitLognormal(censored.filter((o) => !o.censored));
    expect(Math.abs(answersOnly.sigma - 0.7647)).toBeLessThan(TOL_SIGMA);
    expect(SIGMA - answersOnly.sigma).toBeGreaterThan(10 * (SIGMA / Math.sqrt(2 * N)));
    expect(answersOnly.p99Ms).toBeLessThan(4600);
    expect(answersOnly.p99Ms).toBeGreaterThan(3850);
  });

  it('says how badly a sample that is not lognormal fits', () => {
    // Uniform on [100, 2000]: its log is skewed left, far from normal; D is several times the 5 % value.
    const uniform = Array.from({ length: 2000 }, (_, i) => ({ ms: Math.round(100 + 1900 * uniformDraw(9, ['u', i])), censored: false }));
    const fit = fitLognormal(uniform);
    expect(fit.ksD).toBeGreaterThan(3 * (fit.ksCritical ?? 1));
  });

  it('needs two answers', () => {
    expect(() => fitLognormal([{ ms: 500, censored: false }, { ms: 5000, censored: true }])).toThrow('need at least 2 answered requests to fit a model, got 1 (and 1 without an answer)');
  });
});

describe('Kaplan–Meier estimate', () => {
  it('is the empirical CDF without censoring, and moves the mass of a censored request to later answers', () => {
    // 100, 200 (censored), 300, 400: at 100, 1 of 4 answers → S = 3/4; 200 leaves the risk set;
    // at 300, 1 of 2 → S = 3/8; at 400, 1 of 1 → S = 0.
    const steps = kaplanMeier([
      { ms: 300, censored: false },
      { ms: 100, censored: false },
      { ms: 400, censored: false },
      { ms: 200, censored: true },
    ]);
    expect(steps).toEqual([
      { ms: 100, before: 0, after: 0.25 },
      { ms: 300, before: 0.25, after: 0.625 },
      { ms: 400, before: 0.625, after: 1 },
    ]);
    // Against F(x) = x/400: the largest gap is at 300 (0.75 vs 0.625 after, 0.25 before → 0.5).
    expect(ksDistance(steps, (ms) => ms / 400)).toBeCloseTo(0.5, 12);
  });

  it('counts a censored value equal to an answer as still waiting at it', () => {
    // Two at 100: one answered, one censored. At 100, 1 of 2 answers → F = 0.5.
    expect(kaplanMeier([{ ms: 100, censored: true }, { ms: 100, censored: false }])).toEqual([{ ms: 100, before: 0, after: 0.5 }]);
  });
});

describe('normal tail', () => {
  it('gives E[Z | Z > z] = λ(z), continuous where the continued fraction takes over (z = 5)', () => {
    // λ(0) = φ(0)/0.5 = 2/√(2π) = 0.797885.
    expect(inverseMillsRatio(0)).toBeCloseTo(0.797885, 5);
    // λ(5) = φ(5)/(1 − Φ(5)) = 1.486720e-6 / 2.866516e-7 = 5.186504.
    expect(inverseMillsRatio(4.999999)).toBeCloseTo(5.186504, 3);
    expect(inverseMillsRatio(5)).toBeCloseTo(5.186504, 5);
    // Far out λ(z) → z + 1/z: at z = 40, 40.025.
    expect(inverseMillsRatio(40)).toBeCloseTo(40.02497, 4);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalPdf(0)).toBeCloseTo(0.398942, 6);
  });
});
