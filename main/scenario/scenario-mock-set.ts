import { applyOverrides, withInitialState } from '../api/formats/mocks';
import type { MocksFile } from '../api/formats/mocks';
import type { LoadedScenario } from '../formats/loaded-scenario';

/**
 * The mock set a scenario runs against, on either clock: its mocks with its route overrides
 * applied and its `state:` laid over the mocks' initial state; null without mocks.
 */
export function scenarioMockSet(scenario: LoadedScenario): MocksFile | null {
  return scenario.mocks ? withInitialState(applyOverrides(scenario.mocks, scenario.overrides), scenario.state) : null;
}
