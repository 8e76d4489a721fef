import { performance } from 'node:perf_hooks';
import { applyOverrides, MOCKS_FORMAT, withInitialState } from '../api/formats/mocks';
import type { MocksFile } from '../api/formats/mocks';
import type { ScenarioResult } from '../api/formats/results';
import type { TraceEvent } from '../api/formats/trace';
import { compileFlow } from '../engine/compiled-flow';
import { DialogRunner } from '../engine/dialog-runner';
import type { RunResult } from '../engine/dialog-runner';
import { scriptedUser } from '../engine/user-source';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { effectiveSeed, toScenarioResult } from '../scenario/run-scenario';
import { startMockServer } from '../../mocks/server/start-mock-server';
import { HttpTransport } from './http-transport';
import { RealClock } from './real-clock';

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
      ? await startMockServer({ mocks: withInitialState(applyOverrides(scenario.mocks ?? emptyMocks(seed), scenario.overrides), scenario.state), seed })
      : null;
  const clock = new RealClock(timeScale);
  const transport = new HttpTransport(baseUrl ?? (server as { url: string }).url, clock, timeScale);
  try {
    const runner = new DialogRunner({
      flow: compileFlow(scenario.flow),
      clock,
      transport,
      user: scriptedUser(scenario.user),
      seed,
      sessionId: `${scenario.id}@${seed}`,
      ...(scenario.maxDurationMs !== null ? { maxDurationMs: scenario.maxDurationMs } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    });
    const run = await new Promise<RunResult>((resolve) => {
      runner.onEnd(resolve);
      runner.start();
    });
    return toScenarioResult(scenario, run, seed, 'real', performance.now() - started);
  } finally {
    clock.dispose();
    await transport.close();
    await server?.close();
  }
}

function emptyMocks(seed: number): MocksFile {
  return { format: MOCKS_FORMAT, seed, routes: [] };
}
