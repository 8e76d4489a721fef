import type { PathOutcome, SweepMap } from '../api/routes/analysis';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { runScenario } from '../scenario/run-scenario';
import { pathOutcome } from './path-outcome';
import { requireEndpoints } from './unknown-endpoint';

/** The 2-D boundary map: the path for each pair of latencies of two endpoints, on a grid. */
export function sweepMap(
  scenario: LoadedScenario,
  endpoints: [string, string],
  range: { from: number; to: number; step: number },
  seed?: number,
): SweepMap {
  requireEndpoints(scenario, ...endpoints);
  const axis: number[] = [];
  for (let l = range.from; l < range.to; l += range.step) axis.push(l);
  axis.push(range.to);
  const outcomes: PathOutcome[] = [];
  const index = new Map<string, number>();
  const cells = axis.map((a) =>
    axis.map((b) => {
      const result = runScenario(scenario, { endpointLatency: { [endpoints[0]]: a, [endpoints[1]]: b }, ...(seed !== undefined ? { seed } : {}) });
      const outcome = pathOutcome(result, scenario.flow);
      let i = index.get(outcome.signature);
      if (i === undefined) {
        i = outcomes.length;
        outcomes.push(outcome);
        index.set(outcome.signature, i);
      }
      return i;
    }),
  );
  return { scenario: scenario.name, file: scenario.file, endpoints, rows: axis, columns: axis, cells, outcomes, runs: axis.length * axis.length };
}
