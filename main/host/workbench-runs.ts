import { applyOverrides } from '../api/formats/mocks';
import type { RouteOverride } from '../api/formats/mocks';
import type { ScenarioResult } from '../api/formats/results';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { runScenarioOnClock } from '../scenario/run-on-clock';
import type { ClockRunOptions } from '../scenario/run-on-clock';
import { effectiveSeed } from '../scenario/scenario-result';
import { scenarioMockSet } from '../scenario/scenario-mock-set';
import type { MockService } from './mock-service';

/**
 * The scenario with the Mocks view's live route patches on top of its own overrides, when
 * the running mock server serves its mock set; else as written (no patches).
 */
export function withLivePatches(scenario: LoadedScenario, mocks: MockService): { scenario: LoadedScenario; patches: Record<string, RouteOverride> } {
  const patches = scenario.mocks !== null && mocks.serves(scenario.mocks, scenario.mocksPath) ? mocks.patches() : {};
  if (Object.keys(patches).length === 0 || scenario.mocks === null) return { scenario, patches: {} };
  return { scenario: { ...scenario, mocks: applyOverrides(applyOverrides(scenario.mocks, scenario.overrides), patches), overrides: {} }, patches };
}

/**
 * Runs a scenario for the workbench (Run view, library runs). On the real clock, when the
 * Mocks view's server is running and serves the scenario's mock set (`servedAs`: the
 * scenario before live patches), its requests go through that server — under the run's
 * own session `run:<runId>` (counters start fresh), answered from the scenario's mocks with
 * its overrides (and patches) — so they land in its journal, tagged by session and module.
 * Otherwise as `runScenarioOnClock` does: a mock server of its own, or its base URL.
 */
export async function runForWorkbench(
  scenario: LoadedScenario,
  mocks: MockService,
  options: ClockRunOptions & { runId: string },
  servedAs: LoadedScenario = scenario,
): Promise<ScenarioResult> {
  const { runId, ...rest } = options;
  const clock = rest.clock ?? scenario.clock;
  const shared = clock === 'real' && rest.baseUrl === undefined && scenario.baseUrl === null && scenario.mocks !== null && mocks.serves(servedAs.mocks, servedAs.mocksPath);
  if (!shared || scenario.mocks === null) return runScenarioOnClock(scenario, rest);
  const sessionId = `run:${runId}`;
  const { url, release } = mocks.useSessionMocks(sessionId, scenarioMockSet(scenario) ?? scenario.mocks, effectiveSeed(scenario, rest.seed));
  try {
    return await runScenarioOnClock(scenario, { ...rest, baseUrl: url, target: 'shared-mock-server', sessionId });
  } finally {
    release();
  }
}
