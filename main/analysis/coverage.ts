import { portsOf } from '../api/formats/flow';
import type { FlowFile } from '../api/formats/flow';
import type { ScenarioResult } from '../api/formats/results';
import type { FlowCoverage } from '../api/routes/analysis';
import type { LoadedScenario } from '../formats/loaded-scenario';

/** Ports that handle timeouts and failures (a lambda's `error` too): the ones suites forget to exercise. */
const HANDLER_PORTS = new Set(['failure', 'waiting', 'error']);

export interface CoverageRun {
  scenario: LoadedScenario;
  result: ScenarioResult;
  /** The library id, for a library scenario. */
  scenarioId?: number;
}

/**
 * Which module ports a suite took at least once, per flow: never-taken ports first (handlers
 * before the rest), then the taken ones, in module order.
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
    for (const { result } of group) {
      for (const e of result.trace) if (e.type === 'port') taken.set(`${e.module}.${e.port}`, (taken.get(`${e.module}.${e.port}`) ?? 0) + 1);
    }
    const order = new Map(flow.modules.map((m, i) => [m.id, i]));
    const ports = flow.modules
      .flatMap((m) => portsOf(m, flow.endpoints).map((port) => ({ module: m.id, type: m.type, port, taken: taken.get(`${m.id}.${port}`) ?? 0, handler: HANDLER_PORTS.has(port) })))
      .sort((a, b) => rank(a) - rank(b) || (order.get(a.module) ?? 0) - (order.get(b.module) ?? 0));
    const covered = ports.filter((p) => p.taken > 0).length;
    return {
      flow: flow.name,
      file,
      scenarios: group.length,
      runs: group.map(({ scenario, scenarioId }) => ({ file: scenario.file, index: scenario.index, name: scenario.name, scenarioId: scenarioId ?? null })),
      ports,
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
