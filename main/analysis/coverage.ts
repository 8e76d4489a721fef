import { INTERRUPTION_KINDS, portsOf } from '../api/formats/flow';
import { EndState } from '../api/formats/scenario';
import type { FlowFile } from '../api/formats/flow';
import type { ScenarioResult } from '../api/formats/results';
import type { FlowCoverage } from '../api/routes/analysis';
import type { LoadedScenario } from '../formats/loaded-scenario';

/** The pseudo-module whose ports are the flow's interruption handlers (`interruptions.no_input`, …). */
const INTERRUPTIONS = 'interruptions';

/** Ports that handle timeouts and failures (a lambda's `error` too): the ones suites forget to exercise. */
const HANDLER_PORTS = new Set(['failure', 'waiting', 'error']);

export interface CoverageRun {
  scenario: LoadedScenario;
  result: ScenarioResult;
  /** The library id, for a library scenario. */
  scenarioId?: number;
}

/**
 * Which module ports (and interruption handlers) a suite took at least once, per flow:
 * never-taken ports first (handlers before the rest), then the taken ones, in module order;
 * and how many runs ended in each end state.
 */
export function portCoverage(runs: readonly CoverageRun[]): FlowCoverage[] {
  const byFlow = new Map<string, { flow: FlowFile; file: string | null; runs: CoverageRun[] }>();
  for (const run of runs) {
    const key = run.scenario.flowPath ?? `inline:${run.scenario.file}:${run.scenario.flow.name}`;
    const group = byFlow.get(key) ?? { flow: run.scenario.flow, file: run.scenario.flowPath, runs: [] };
    group.runs.push(run);
    byFlow.set(key, group);
  }
  return [...byFlow.values()].map(({ flow, file, runs: group }) => {
    const taken = new Map<string, number>();
    const bump = (key: string): void => {
      taken.set(key, (taken.get(key) ?? 0) + 1);
    };
    const ends = new Map<EndState, number>();
    for (const { result } of group) {
      for (const e of result.trace) {
        if (e.type === 'port') bump(`${e.module}.${e.port}`);
        else if (e.type === 'interruption') bump(`${INTERRUPTIONS}.${e.kind}`);
      }
      ends.set(result.endState, (ends.get(result.endState) ?? 0) + 1);
    }
    const order = new Map(flow.modules.map((m, i) => [m.id, i]));
    // The flow's interruption handlers come after its modules, as ports of `interruptions`.
    order.set(INTERRUPTIONS, flow.modules.length);
    const interruptionPorts = INTERRUPTION_KINDS.filter((kind) => flow.interruptions?.[kind] !== undefined).map((kind) => ({
      module: INTERRUPTIONS,
      type: 'interruption',
      port: kind,
      taken: taken.get(`${INTERRUPTIONS}.${kind}`) ?? 0,
      handler: true,
    }));
    const ports = [
      ...flow.modules.flatMap((m) => portsOf(m, flow.endpoints).map((port) => ({ module: m.id, type: m.type, port, taken: taken.get(`${m.id}.${port}`) ?? 0, handler: HANDLER_PORTS.has(port) }))),
      ...interruptionPorts,
    ].sort((a, b) => rank(a) - rank(b) || (order.get(a.module) ?? 0) - (order.get(b.module) ?? 0));
    const covered = ports.filter((p) => p.taken > 0).length;
    return {
      flow: flow.name,
      file,
      scenarios: group.length,
      runs: group.map(({ scenario, scenarioId }) => ({ file: scenario.file, index: scenario.index, name: scenario.name, scenarioId: scenarioId ?? null })),
      ports,
      endStates: EndState.options.map((state) => ({ state, count: ends.get(state) ?? 0 })),
      covered,
      total: ports.length,
      percent: ports.length === 0 ? 100 : Math.round((covered / ports.length) * 1000) / 10,
    };
  });
}

function rank(p: { taken: number; handler: boolean }): number {
  if (p.taken === 0) return p.handler ? 0 : 1;
  return 2;
}
