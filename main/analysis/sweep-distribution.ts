import type { Latency } from '../api/formats/mocks';
import type { DistributionSweep } from '../api/routes/analysis';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { sampleLatency } from '../../mocks/core/latency';
import { requestDraws } from '../../mocks/core/seeded-rng';
import { outcomeAt } from './sweep';
import { requireEndpoints } from './unknown-endpoint';

/**
 * Samples the endpoint's latency from a distribution (seeded, as the mocks do) and counts
 * how often each path is taken: the probability of each path, with the sample count.
 */
export function sweepDistribution(scenario: LoadedScenario, endpoint: string, model: Latency, samples: number, seed: number): DistributionSweep {
  requireEndpoints(scenario, endpoint);
  const tally = new Map<string, DistributionSweep['outcomes'][number]>();
  for (let i = 1; i <= samples; i++) {
    const latency = sampleLatency(model, i, requestDraws(seed, `sweep:${endpoint}`, i));
    const outcome = outcomeAt(scenario, endpoint, latency, seed);
    const entry = tally.get(outcome.signature);
    if (entry) {
      entry.count++;
      entry.minLatency = Math.min(entry.minLatency, latency);
      entry.maxLatency = Math.max(entry.maxLatency, latency);
    } else {
      tally.set(outcome.signature, { ...outcome, count: 1, probability: 0, minLatency: latency, maxLatency: latency });
    }
  }
  const outcomes = [...tally.values()]
    .map((o) => ({ ...o, probability: o.count / samples }))
    .sort((a, b) => b.count - a.count);
  return { scenario: scenario.name, file: scenario.file, endpoint, model, samples, seed, outcomes };
}
