import { performance } from 'node:perf_hooks';
import { applyOverrides, withInitialState } from '../api/formats/mocks';
import type { ScenarioResult, ScenarioStatus } from '../api/formats/results';
import type { TraceEvent } from '../api/formats/trace';
import { portPath } from '../api/trace/port-choices';
import type { CompiledMocks } from '../../mocks/core/compile-mocks';
import { compileMocks } from '../../mocks/core/compile-mocks';
import { compileFlow } from '../engine/compiled-flow';
import { DialogRunner } from '../engine/dialog-runner';
import type { RunResult } from '../engine/dialog-runner';
import { InMemoryTransport } from '../engine/in-memory-transport';
import { scriptedUser } from '../engine/user-source';
import { VirtualClock } from '../engine/virtual-clock';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { evaluateChecks } from './checks';

export interface RunScenarioOptions {
  /** Overrides the scenario's and the mocks' seed (e.g. `--seed`). */
  seed?: number;
  onEvent?: (event: TraceEvent) => void;
  /** Fixed latency by flow endpoint id, whatever the mocks say (the boundary explorer). */
  endpointLatency?: Readonly<Record<string, number>>;
}

const compiledMocks = new WeakMap<LoadedScenario, CompiledMocks | null>();

/** The mock set a scenario runs against: its mocks with its overrides and initial state applied. */
export function effectiveMocks(scenario: LoadedScenario): CompiledMocks | null {
  if (compiledMocks.has(scenario)) return compiledMocks.get(scenario) ?? null;
  const mocks = scenario.mocks ? compileMocks(withInitialState(applyOverrides(scenario.mocks, scenario.overrides), scenario.state)) : null;
  compiledMocks.set(scenario, mocks);
  return mocks;
}

export function effectiveSeed(scenario: LoadedScenario, override?: number): number {
  return override ?? scenario.seed ?? scenario.mocks?.seed ?? 0;
}

/**
 * Runs one scenario on the virtual clock: deterministic, no wall-clock waits. The same
 * scenario and seed give the same trace, byte for byte.
 */
export function runScenario(scenario: LoadedScenario, options: RunScenarioOptions = {}): ScenarioResult {
  const started = performance.now();
  const seed = effectiveSeed(scenario, options.seed);
  const clock = new VirtualClock();
  const runner = new DialogRunner({
    flow: compileFlow(scenario.flow),
    clock,
    transport: new InMemoryTransport({
      clock,
      mocks: effectiveMocks(scenario),
      seed,
      ...(options.endpointLatency ? { endpointLatency: options.endpointLatency } : {}),
    }),
    user: scriptedUser(scenario.user),
    seed,
    sessionId: `${scenario.id}@${seed}`,
    ...(scenario.maxDurationMs !== null ? { maxDurationMs: scenario.maxDurationMs } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  runner.start();
  clock.runUntilIdle();
  if (!runner.ended) runner.stop('stalled');
  const run = runner.outcome as RunResult;
  return toScenarioResult(scenario, run, seed, 'virtual', performance.now() - started);
}

export function toScenarioResult(
  scenario: LoadedScenario,
  run: RunResult,
  seed: number,
  clock: 'virtual' | 'real',
  wallMs: number,
): ScenarioResult {
  const checks = evaluateChecks(scenario.expect, run);
  const expectsError = scenario.expect.some((e) => 'ends' in e && e.ends === 'error');
  const status: ScenarioStatus =
    run.endState === 'error' && !expectsError ? 'error' : checks.every((c) => c.ok) ? 'passed' : 'failed';
  return {
    name: scenario.name,
    file: scenario.file,
    status,
    endState: run.endState,
    ...(run.endReason !== undefined ? { endReason: run.endReason } : {}),
    clock,
    seed,
    virtualMs: run.virtualMs,
    wallMs: Math.round(wallMs * 1000) / 1000,
    checks,
    contexts: run.contexts,
    path: portPath(run.trace),
    trace: run.trace,
  };
}
