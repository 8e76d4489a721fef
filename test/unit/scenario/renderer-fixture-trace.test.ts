import { describe, expect, it } from 'vitest';
import { FileLoader } from '../../../main/formats/file-loader';
import { runScenario } from '../../../main/scenario/run-scenario';
import { examplesDir } from '../../support/paths';
import { slowApiTrace } from '../../renderer/fixtures/slow-api-trace';

/*
 * The renderer tests lay out, scrub and replay a fixed trace (test/renderer/fixtures): it must
 * be what the engine makes of the example it names, or those tests pass on a trace no run can
 * produce. When the engine's trace changes on purpose, paste the new one into the fixture.
 */
describe('the renderer fixture trace', () => {
  it('is the engine’s trace of "slow API — waiting once, then success" (order-status example, virtual clock, seed 42)', async () => {
    const scenarios = await new FileLoader(examplesDir).loadScenarios('scenarios/order-status.scenario.yaml');
    const slowApi = scenarios.find((s) => s.name === 'slow API — waiting once, then success');
    expect(slowApi?.seed).toBe(42);
    expect(runScenario(slowApi!).trace).toEqual(slowApiTrace);
  });
});
