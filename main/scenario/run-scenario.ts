import { performance } from 'node:perf_hooks';
import type { ScenarioResult } from '../api/formats/results';
import type { TraceEvent } from '../api/formats/trace';
import type { CompiledMocks } from '../../mocks/core/compile-mocks';
import { compileMocks } from '../../mocks/core/compile-mocks';
import { compileFlow } from '../engine/compiled-flow';
import { InMemoryTransport } from '../engine/in-memory-transport';
import type { DecisionListener } from '../engine/in-memory-transport';
import { runDialogToEnd } from '../engine/run-dialog';
import { scriptedUser } from '../engine/user-source';
import { VirtualClock } from '../engine/virtual-clock';
import { sandboxFor } from '../sandbox/load-code-sandbox';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { scenarioMockSet } from './scenario-mock-set';
import { effectiveSeed, toScenarioResult } from './scenario-result';

export interface RunScenarioOptions {
  /** Overrides the scenario's and the mocks' seed (e.g. `--seed`). */
  seed?: number;
  onEvent?: (event: TraceEvent) => void;
  /** Fixed latency by flow endpoint id, whatever the mocks say (the boundary explorer). */
  endpointLatency?: Readonly<Record<string, number>>;
  /** Called with what the mocks decided for each request, as it is sent (its latency and fault, even for an answer the bot never gets). */
  onDecision?: DecisionListener;
}

const compiledMocks = new WeakMap<LoadedScenario, CompiledMocks | null>();

/** The mock set a scenario runs against: its mocks with its overrides and initial state applied. */
export function effectiveMocks(scenario: LoadedScenario): CompiledMocks | null {
  if (compiledMocks.has(scenario)) return compiledMocks.get(scenario) ?? null;
  const set = scenarioMockSet(scenario);
  const mocks = set ? compileMocks(set) : null;
  compiledMocks.set(scenario, mocks);
  return mocks;
}

/**
 * Runs one scenario on the virtual clock: deterministic, no wall-clock waits. The same
 * scenario and seed give the same trace, byte for byte. Synchronous, for the analyses that
 * run thousands of them; `runScenarioOnClock` is the entry point that never throws.
 */
export function runScenario(scenario: LoadedScenario, options: RunScenarioOptions = {}): ScenarioResult {
  const started = performance.now();
  const seed = effectiveSeed(scenario, options.seed);
  const clock = new VirtualClock();
  const run = runDialogToEnd({
    flow: compileFlow(scenario.flow),
    clock,
    transport: new InMemoryTransport({
      clock,
      mocks: effectiveMocks(scenario),
      seed,
      ...(options.endpointLatency ? { endpointLatency: options.endpointLatency } : {}),
      ...(options.onDecision ? { onDecision: options.onDecision } : {}),
    }),
    user: scriptedUser(scenario.user),
    seed,
    sessionId: `${scenario.id}@${seed}`,
    ...sandboxFor(scenario.flow),
    ...(scenario.maxDurationMs !== null ? { maxDurationMs: scenario.maxDurationMs } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  return toScenarioResult(scenario, run, seed, 'virtual', performance.now() - started);
}
