import type { LintWarning } from '../api/formats/lint';
import type { FlowGraph } from './flow-graph';
import { modulePath, warning } from './lint-context';

/** An await whose own timeout is longer than the endpoint's: the endpoint gives up first. */
export function awaitTimeoutExceedsEndpoint(graph: FlowGraph): LintWarning[] {
  const out: LintWarning[] = [];
  for (const { module } of graph.modules.values()) {
    if (module.type !== 'api_await') continue;
    const endpoint = graph.flow.endpoints.find((e) => e.id === module.endpoint);
    if (!endpoint || module.timeoutMs <= endpoint.timeoutMs) continue;
    out.push(
      warning(
        'await-timeout-exceeds-endpoint',
        `api_await '${module.id}' waits up to ${module.timeoutMs} ms but endpoint '${endpoint.id}' times out after ${endpoint.timeoutMs} ms: the module timeout never fires`,
        modulePath(graph, module.id, 'timeoutMs'),
        module.id,
      ),
    );
  }
  return out;
}
