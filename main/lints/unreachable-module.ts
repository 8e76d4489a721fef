import type { LintWarning } from '../api/formats/lint';
import { anyEdge } from './flow-graph';
import type { FlowGraph } from './flow-graph';
import { modulePath, warning } from './lint-context';

/** A module no arrow leads to from the start module (or from an interruption handler, where the bot may go at any time). */
export function unreachableModule(graph: FlowGraph): LintWarning[] {
  const start = graph.flow.start;
  const roots = [start, ...Object.values(graph.flow.interruptions ?? {}).filter((to): to is string => to !== undefined)];
  const reached = new Set<string>();
  for (const root of roots) {
    reached.add(root);
    for (const id of graph.reachable(root, anyEdge)) reached.add(id);
  }
  return [...graph.modules.values()]
    .filter(({ module }) => !reached.has(module.id))
    .map(({ module }) =>
      warning('unreachable-module', `module '${module.id}' cannot be reached from the start module '${start}'`, modulePath(graph, module.id), module.id),
    );
}
