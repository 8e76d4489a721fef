import type { SweepBand, SweepResult } from '../api/routes/analysis';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { runScenario } from '../scenario/run-scenario';
import { pathOutcome } from './path-outcome';
import type { PathOutcome } from '../api/routes/analysis';
import { requireEndpoints } from './unknown-endpoint';

export interface SweepOptions {
  endpoint: string;
  from: number;
  to: number;
  step: number;
  seed?: number;
}

/** Runs the scenario with the endpoint's latency fixed at `latency` ms. */
export function outcomeAt(scenario: LoadedScenario, endpoint: string, latency: number, seed?: number): PathOutcome {
  const result = runScenario(scenario, { endpointLatency: { [endpoint]: latency }, ...(seed !== undefined ? { seed } : {}) });
  return pathOutcome(result, scenario.flow);
}

/**
 * The boundary explorer: runs the scenario on a latency grid, then bisects between grid
 * points whose paths differ, down to the exact millisecond, so each band's edges are
 * exact (not just the grid's). A path that appears only between two grid points is
 * found when the bisection lands in it.
 */
export function sweepLatency(scenario: LoadedScenario, options: SweepOptions): SweepResult {
  const { endpoint, from, to, step } = options;
  requireEndpoints(scenario, endpoint);
  const cache = new Map<number, PathOutcome>();
  const at = (latency: number): PathOutcome => {
    let outcome = cache.get(latency);
    if (!outcome) {
      outcome = outcomeAt(scenario, endpoint, latency, options.seed);
      cache.set(latency, outcome);
    }
    return outcome;
  };

  const grid: number[] = [];
  for (let l = from; l < to; l += step) grid.push(l);
  grid.push(to);

  // Every latency where the path changes: the last ms of the old path.
  const boundaries: number[] = [];
  const refine = (a: number, b: number): void => {
    const sa = at(a).signature;
    const sb = at(b).signature;
    if (sa === sb) return;
    if (b - a === 1) {
      boundaries.push(a);
      return;
    }
    const mid = Math.floor((a + b) / 2);
    const sm = at(mid).signature;
    if (sm !== sa) refine(a, mid);
    if (sm !== sb) refine(mid, b);
  };
  for (let i = 1; i < grid.length; i++) refine(grid[i - 1] as number, grid[i] as number);
  boundaries.sort((x, y) => x - y);

  const bands: SweepBand[] = [];
  let start = from;
  for (const edge of [...boundaries, to]) {
    bands.push({ ...at(start), from: start, to: edge });
    start = edge + 1;
  }
  return { scenario: scenario.name, file: scenario.file, endpoint, from, to, step, runs: cache.size, bands };
}
