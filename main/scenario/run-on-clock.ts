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
  /** Virtual clock only: fixed latencies by flow endpoint. */
  endpointLatency?: Readonly<Record<string, number>>;
}

/** Runs a scenario on its clock (or the one asked for): virtual, or real over HTTP. */
export async function runScenarioOnClock(scenario: LoadedScenario, options: ClockRunOptions = {}): Promise<ScenarioResult> {
  const { clock = scenario.clock, endpointLatency, ...rest } = options;
  if (clock === 'virtual') {
    return runScenario(scenario, {
      ...(rest.seed !== undefined ? { seed: rest.seed } : {}),
      ...(rest.onEvent ? { onEvent: rest.onEvent } : {}),
      ...(endpointLatency ? { endpointLatency } : {}),
    });
  }
  if (endpointLatency && Object.keys(endpointLatency).length > 0) {
    throw new Error('fixed endpoint latencies are for the virtual clock; on the real clock, patch the mock routes');
  }
  return runScenarioReal(scenario, rest);
}
