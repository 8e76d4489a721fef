import type { ScenarioResult } from '../api/formats/results';
import type { ClockKind } from '../api/formats/scenario';
import type { TraceEvent } from '../api/formats/trace';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { runScenarioReal } from '../realtime/run-real-scenario';
import { runScenario } from './run-scenario';

export interface ClockRunOptions {
  /** Overrides the scenario's clock. */
  clock?: ClockKind;
  seed?: number;
  timeScale?: number;
  baseUrl?: string;
  onEvent?: (event: TraceEvent) => void;
}

/** Runs a scenario on its clock (or the one asked for): virtual, or real over HTTP. */
export async function runScenarioOnClock(scenario: LoadedScenario, options: ClockRunOptions = {}): Promise<ScenarioResult> {
  const { clock = scenario.clock, ...rest } = options;
  if (clock === 'virtual') {
    return runScenario(scenario, {
      ...(rest.seed !== undefined ? { seed: rest.seed } : {}),
      ...(rest.onEvent ? { onEvent: rest.onEvent } : {}),
    });
  }
  return runScenarioReal(scenario, rest);
}
