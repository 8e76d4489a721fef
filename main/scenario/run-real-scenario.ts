import { performance } from 'node:perf_hooks';
import { MOCKS_FORMAT } from '../api/formats/mocks';
import type { MocksFile } from '../api/formats/mocks';
import { randomUUID } from 'node:crypto';
import type { RealClockInfo, ScenarioResult } from '../api/formats/results';
import type { TraceEvent } from '../api/formats/trace';
import { compileFlow } from '../engine/compiled-flow';
import { startDialog } from '../engine/run-dialog';
import { scriptedUser } from '../engine/user-source';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { HttpTransport } from '../realtime/http-transport';
import { RealClock } from '../realtime/real-clock';
import { sandboxFor } from '../sandbox/load-code-sandbox';
import { startMockServer } from '../../mocks/server/start-mock-server';
import { scenarioMockSet } from './scenario-mock-set';
import { effectiveSeed, toScenarioResult } from './scenario-result';
import { defaultTimingTolerance } from './timing-tolerance';

export interface RealRunOptions {
  seed?: number;
  /** Overrides the scenario's timeScale. */
  timeScale?: number;
  /** Overrides the scenario's baseUrl: a real API, or a mock server that is already running. */
  baseUrl?: string;
  /** What a base URL is (default: an API's): `shared-mock-server` when it is a running flowbench mock server. */
  target?: 'base-url' | 'shared-mock-server';
  /** The `x-flowbench-session` of its requests; default: one of its own, new each run (so counters start fresh). */
  sessionId?: string;
  /** Conversation ms a timing check may exceed its limit by; default: 100 ms of wall time at the time scale. */
  timingToleranceMs?: number;
  onEvent?: (event: TraceEvent) => void;
}

/**
 * Runs a scenario on wall time over real HTTP: against a mock server started for it on a
 * free port, or against a base URL (a real API, or a flowbench mock server already running —
 * its journal then holds the run's requests, under the run's own session). Timing checks are
 * judged with a tolerance; the result says which, and how late the clock's timers were.
 */
export async function runScenarioReal(scenario: LoadedScenario, options: RealRunOptions = {}): Promise<ScenarioResult> {
  const started = performance.now();
  const seed = effectiveSeed(scenario, options.seed);
  const timeScale = options.timeScale ?? scenario.timeScale;
  const baseUrl = options.baseUrl ?? scenario.baseUrl;
  const server =
    baseUrl === null
      ? await startMockServer({ mocks: scenarioMockSet(scenario) ?? emptyMocks(seed), seed })
      : null;
  // Compiled before the clock starts: conversation time 0 is when the bot starts, not before its set-up.
  const flow = compileFlow(scenario.flow);
  const clock = new RealClock(timeScale);
  const url = server?.url ?? baseUrl ?? '';
  const sessionId = options.sessionId ?? `${scenario.id}@${seed}/${randomUUID().slice(0, 8)}`;
  const transport = new HttpTransport(url, clock, timeScale);
  try {
    const { done } = startDialog({
      flow,
      clock,
      transport,
      user: scriptedUser(scenario.user),
      seed,
      sessionId,
      ...sandboxFor(scenario.flow),
      ...(scenario.maxDurationMs !== null ? { maxDurationMs: scenario.maxDurationMs } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    });
    const run = await done;
    const realClock: RealClockInfo = {
      timeScale,
      timingToleranceMs: options.timingToleranceMs ?? defaultTimingTolerance(timeScale),
      drift: clock.drift(),
      target: { kind: server !== null ? 'own-mock-server' : (options.target ?? 'base-url'), url, session: sessionId },
    };
    return toScenarioResult(scenario, run, seed, 'real', performance.now() - started, realClock);
  } finally {
    clock.dispose();
    await transport.close();
    await server?.close();
  }
}

function emptyMocks(seed: number): MocksFile {
  return { format: MOCKS_FORMAT, seed, routes: [] };
}
