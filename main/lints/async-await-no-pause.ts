import type { LintWarning } from '../api/formats/lint';
import { isGreen } from './flow-graph';
import type { FlowGraph } from './flow-graph';
import { modulePath, warning } from './lint-context';

/** A green-only path from an api_async to the api_await of the same endpoint, with no wait. */
export function asyncAwaitNoPause(graph: FlowGraph): LintWarning[] {
  const out: LintWarning[] = [];
  for (const { module: start } of graph.modules.values()) {
    if (start.type !== 'api_async') continue;
    for (const { module: target } of graph.modules.values()) {
      if (target.type !== 'api_await' || target.endpoint !== start.endpoint) continue;
      const path = graph.path(start.id, target.id, isGreen, (id) => graph.module(id)?.type !== 'wait');
      if (path === null) continue;
      out.push(
        warning(
          'async-await-no-pause',
          `api_await '${target.id}' follows api_async '${start.id}' with no pause (${path.join(' → ')}): it checks before the response can arrive; put a wait or a red arrow in between`,
          modulePath(graph, target.id),
          target.id,
        ),
      );
    }
  }
  return out;
}
