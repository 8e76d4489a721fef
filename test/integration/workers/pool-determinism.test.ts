import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../../main/api/formats/results';
import { FileLoader } from '../../../main/formats/file-loader';
import type { LoadedScenario } from '../../../main/formats/loaded-scenario';
import { runScenarioOnClock } from '../../../main/scenario/run-on-clock';
import { JobPool } from '../../../main/workers/job-pool';
import { exampleCounts } from '../../support/example-counts';
import { examplesDir } from '../../support/paths';

/*
 * Issue 18: runs move off the host's event loop into worker threads. Moving them must not
 * change them: for every example scenario, the result a pool worker sends back (a
 * structured clone, parsed with the job contract) is the result of running it inline, field
 * for field — everything but wallMs, the wall time the run took, which is a measurement.
 */

const pool = new JobPool({ size: 2 });
afterAll(() => pool.close());

async function everyExampleScenario(): Promise<LoadedScenario[]> {
  const loader = new FileLoader(examplesDir);
  const files = readdirSync(join(examplesDir, 'scenarios')).filter((f) => f.endsWith('.scenario.yaml'));
  return (await Promise.all(files.map((f) => loader.loadScenarios(join('scenarios', f))))).flat();
}

function withoutWallTime(result: ScenarioResult): Omit<ScenarioResult, 'wallMs'> {
  const { wallMs, ...rest } = result;
  expect(wallMs).toBeGreaterThanOrEqual(0);
  return rest;
}

describe('the worker pool runs scenarios as the host ran them inline', () => {
  it('gives the inline result for every example scenario, in virtual time', async () => {
    const scenarios = await everyExampleScenario();
    // Every scenario of every example file is compared (counted from the files, not typed in).
    expect(scenarios).toHaveLength((await exampleCounts()).scenarios);
    const pooled = await Promise.all(scenarios.map((scenario) => pool.run({ kind: 'run', scenario })));
    for (const [i, scenario] of scenarios.entries()) {
      const outcome = pooled[i];
      if (outcome?.ok !== true) throw new Error(`${scenario.id}: the pool refused the run: ${JSON.stringify(outcome)}`);
      const inline = await runScenarioOnClock(scenario, { clock: 'virtual' });
      expect(withoutWallTime(outcome.value), scenario.id).toEqual(withoutWallTime(inline));
    }
  }, 120_000);

  it('gives the inline result with a seed and fixed endpoint latencies too', async () => {
    const [scenario] = (await everyExampleScenario()).filter((s) => s.file.endsWith('order-status.scenario.yaml'));
    if (scenario === undefined) throw new Error('examples/scenarios/order-status.scenario.yaml has no scenario');
    const options = { seed: 7, endpointLatency: { order_status: 4_800 } };
    const outcome = await pool.run({ kind: 'run', scenario, ...options });
    if (!outcome.ok) throw new Error(outcome.refusal.message);
    expect(withoutWallTime(outcome.value)).toEqual(withoutWallTime(await runScenarioOnClock(scenario, { clock: 'virtual', ...options })));
  }, 60_000);
});
