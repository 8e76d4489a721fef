import { MAX_MILLIS } from '../../main/api/formats/common';
import type { Latency } from '../../main/api/formats/mocks';
import type { RequestDraws } from './seeded-rng';

/** z-score of the 99th percentile of the standard normal distribution. */
export const Z_P99 = 2.3263478740408408;

/**
 * The latency of the `n`-th matching request (1-based), in whole milliseconds, from 0 to
 * 24 h (MAX_MILLIS, the longest latency a file may set): the tails of `normal` and
 * `lognormal` draws stop there, as every timeout does.
 */
export function sampleLatency(model: Latency, n: number, draws: RequestDraws): number {
  if ('fixed' in model) return model.fixed;
  if ('uniform' in model) {
    const [min, max] = model.uniform;
    return Math.round(min + draws.uniform('latency') * (max - min));
  }
  if ('normal' in model) {
    return Math.min(MAX_MILLIS, Math.max(0, Math.round(model.normal.meanMs + draws.normal('latency') * model.normal.sdMs)));
  }
  if ('lognormal' in model) {
    const mu = Math.log(model.lognormal.medianMs);
    const sigma = (Math.log(model.lognormal.p99Ms) - mu) / Z_P99;
    return Math.min(MAX_MILLIS, Math.max(0, Math.round(Math.exp(mu + sigma * draws.normal('latency')))));
  }
  const seq = model.sequence;
  return seq[Math.min(n - 1, seq.length - 1)] ?? 0;
}

/** A one-line description: `lognormal median 800 ms, p99 6000 ms`. */
export function describeLatency(model: Latency): string {
  if ('fixed' in model) return `fixed ${model.fixed} ms`;
  if ('uniform' in model) return `uniform ${model.uniform[0]}–${model.uniform[1]} ms`;
  if ('normal' in model) return `normal mean ${model.normal.meanMs} ms, sd ${model.normal.sdMs} ms`;
  if ('lognormal' in model) return `lognormal median ${model.lognormal.medianMs} ms, p99 ${model.lognormal.p99Ms} ms`;
  return `sequence ${model.sequence.join(', ')} ms`;
}
