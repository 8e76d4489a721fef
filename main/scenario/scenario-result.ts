import type { RealClockInfo, ScenarioResult, ScenarioStatus } from '../api/formats/results';
import type { ClockKind } from '../api/formats/scenario';
import { portPath } from '../api/trace/port-choices';
import type { RunResult } from '../engine/dialog-runner';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { evaluateChecks } from './checks';

/** The seed a scenario runs with: the one asked for, else the scenario's, else its mocks'. */
export function effectiveSeed(scenario: LoadedScenario, override?: number): number {
  return override ?? scenario.seed ?? scenario.mocks?.seed ?? 0;
}

/** A finished run judged against the scenario's expectations (timing checks with the real clock's tolerance). */
export function toScenarioResult(
  scenario: LoadedScenario,
  run: RunResult,
  seed: number,
  clock: ClockKind,
  wallMs: number,
  realClock?: RealClockInfo,
): ScenarioResult {
  const checks = evaluateChecks(scenario.expect, run, { timingToleranceMs: realClock?.timingToleranceMs ?? 0 });
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
    wallMs: roundMs(wallMs),
    checks,
    contexts: run.contexts,
    path: portPath(run.trace),
    trace: run.trace,
    ...rowOf(scenario),
    ...(realClock !== undefined ? { realClock } : {}),
  };
}

/** A scenario whose run threw (a bug, or an environment failure): an `error` result, not a crash of the whole run. */
export function crashResult(scenario: LoadedScenario, error: unknown, seed: number, clock: ClockKind, wallMs: number): ScenarioResult {
  const message = error instanceof Error ? error.message : String(error);
  return {
    name: scenario.name,
    file: scenario.file,
    status: 'error',
    endState: 'error',
    endReason: `crash: ${message}`,
    clock,
    seed,
    virtualMs: 0,
    wallMs: roundMs(wallMs),
    checks: [],
    contexts: {},
    path: [],
    trace: [],
    ...rowOf(scenario),
  };
}

/** A data-driven scenario's row (`each:`), carried into its result. */
function rowOf(scenario: LoadedScenario): Pick<ScenarioResult, 'row'> {
  return scenario.row ? { row: { index: scenario.row.index, values: scenario.row.values } } : {};
}

function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
