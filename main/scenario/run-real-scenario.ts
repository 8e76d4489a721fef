import { performance } from 'node:perf_hooks';
import { applyOverrides, MOCKS_FORMAT } from '../api/formats/mocks';
import type { MocksFile } from '../api/formats/mocks';
import type { ScenarioResult } from '../api/formats/results';
import type { TraceEvent } from '../api/formats/trace';
import { compileFlow } from '../engine/compiled-flow';
import { startDialog } from '../engine/run-dialog';
import { scriptedUser } from '../engine/user-source';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { HttpTransport } from '../realtime/http-transport';
import { RealClock } from '../realtime/real-clock';
import { sandboxFor } from '../sandbox/load-code-sandbox';
import { startMockServer } from '../../mocks/server/start-mock-server';
import { effectiveSeed, toScenarioResult } from './scenario-result';

export interface RealRunOptions {
  seed?: number;
  /** Overrides the scenario's timeScale. */
  timeScale?: number;
  /** Overrides the scenario's baseUrl: a real API instead of a local mock server. */
  baseUrl?: string;
  onEvent?: (event: TraceEvent) => void;
}

/**
 * Runs a scenario on wall time over real HTTP: against a mock server started for it on a
 * free port (its own session: counters start fresh), or against a real API's base URL.
 */
export async function runScenarioReal(scenario: LoadedScenario, options: RealRunOptions = {}): Promise<ScenarioResult> {
  const started = performance.now();
  const seed = effectiveSeed(scenario, options.seed);
  const timeScale = options.timeScale ?? scenario.timeScale;
  const baseUrl = options.baseUrl ?? scenario.baseUrl;
  const server =
    baseUrl === null
      ? await startMockServer({ mocks: applyOverrides(scenario.mocks ?? emptyMocks(seed), scenario.overrides), seed })
      : null;
  const clock = new RealClock(timeScale);
  const transport = new HttpTransport(server?.url ?? baseUrl ?? '', clock, timeScale);
  try {
    const { done } = startDialog({
      flow: compileFlow(scenario.flow),
      clock,
      transport,
      user: scriptedUser(scenario.user),
      seed,
      sessionId: `${scenario.id}@${seed}`,
      ...sandboxFor(scenario.flow),
      ...(scenario.maxDurationMs !== null ? { maxDurationMs: scenario.maxDurationMs } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    });
    return toScenarioResult(scenario, await done, seed, 'real', performance.now() - started);
  } finally {
    clock.dispose();
    await transport.close();
    await server?.close();
  }
}

function emptyMocks(seed: number): MocksFile {
  return { format: MOCKS_FORMAT, seed, routes: [] };
}
