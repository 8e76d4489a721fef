import type { LintWarning } from '../api/formats/lint';
import { anyEdge } from './flow-graph';
import type { FlowGraph } from './flow-graph';
import { modulePath, warning } from './lint-context';

/** A module no arrow leads to from the start module. */
export function unreachableModule(graph: FlowGraph): LintWarning[] {
  const start = graph.flow.start;
  const reached = graph.reachable(start, anyEdge);
  reached.add(start);
  return [...graph.modules.values()]
    .filter(({ module }) => !reached.has(module.id))
    .map(({ module }) =>
      warning('unreachable-module', `module '${module.id}' cannot be reached from the start module '${start}'`, modulePath(graph, module.id), module.id),
    );
}
