import { performance } from 'node:perf_hooks';
import type { ScenarioResult } from '../api/formats/results';
import type { ClockKind } from '../api/formats/scenario';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { runScenarioReal } from './run-real-scenario';
import type { RealRunOptions } from './run-real-scenario';
import { runScenario } from './run-scenario';
import { crashResult, effectiveSeed } from './scenario-result';

export interface ClockRunOptions extends RealRunOptions {
  /** Overrides the scenario's clock. */
  clock?: ClockKind;
  /** Virtual clock only: fixed latencies by flow endpoint. */
  endpointLatency?: Readonly<Record<string, number>>;
}

/**
 * The entry point for running a scenario (CLI, host, library runs): on its clock or the one
 * asked for, virtual or real over HTTP. Never throws for a run that goes wrong: a scenario
 * that crashes the engine or its transport becomes an `error` result, so one bad scenario
 * cannot abort a suite. Only a contradictory request (fixed latencies on the real clock) throws.
 */
export async function runScenarioOnClock(scenario: LoadedScenario, options: ClockRunOptions = {}): Promise<ScenarioResult> {
  const { clock = scenario.clock, endpointLatency, ...rest } = options;
  if (clock === 'real' && endpointLatency && Object.keys(endpointLatency).length > 0) {
    throw new Error('fixed endpoint latencies are for the virtual clock; on the real clock, patch the mock routes');
  }
  const started = performance.now();
  try {
    if (clock === 'virtual') {
      return runScenario(scenario, {
        ...(rest.seed !== undefined ? { seed: rest.seed } : {}),
        ...(rest.onEvent ? { onEvent: rest.onEvent } : {}),
        ...(endpointLatency ? { endpointLatency } : {}),
      });
    }
    return await runScenarioReal(scenario, rest);
  } catch (error) {
    return crashResult(scenario, error, effectiveSeed(scenario, rest.seed), clock, performance.now() - started);
  }
}
