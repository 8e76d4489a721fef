import type { LintWarning } from '../api/formats/lint';
import { anyEdge } from './flow-graph';
import type { FlowGraph } from './flow-graph';
import { modulePath, warning } from './lint-context';

/** An await's `waiting` port leads back to it with no counter on the way: it may wait forever. */
export function awaitLoopNoCounter(graph: FlowGraph): LintWarning[] {
  const out: LintWarning[] = [];
  for (const { module } of graph.modules.values()) {
    if (module.type !== 'api_await') continue;
    const edge = graph.out(module.id).find((e) => e.port === 'waiting');
    if (!edge || graph.module(edge.to)?.type === 'counter') continue;
    const back =
      edge.to === module.id
        ? [module.id, module.id]
        : graph.path(edge.to, module.id, anyEdge, (id) => graph.module(id)?.type !== 'counter');
    if (back === null) continue;
    const loop = edge.to === module.id ? back : [module.id, ...back];
    out.push(
      warning(
        'await-loop-no-counter',
        `the waiting port of '${module.id}' loops back to it with no counter (${loop.join(' → ')}): a slow API keeps the bot waiting for ever`,
        modulePath(graph, module.id, 'ports', 'waiting'),
        module.id,
        'waiting',
      ),
    );
  }
  return out;
}
