import type { LintWarning } from '../api/formats/lint';
import { portsOf } from '../api/formats/flow';
import type { FlowGraph } from './flow-graph';
import { modulePath, warning } from './lint-context';

/** A port the module can leave by that has no arrow: taking it ends the run with no_link. */
export function unconnectedPort(graph: FlowGraph): LintWarning[] {
  const out: LintWarning[] = [];
  for (const { module } of graph.modules.values()) {
    for (const port of portsOf(module, graph.flow.endpoints)) {
      if (module.ports[port] !== undefined) continue;
      out.push(
        warning(
          'unconnected-port',
          graph.flow.interruptions?.no_link !== undefined
            ? `port '${port}' of '${module.id}' (${module.type}) has no arrow: leaving by it goes to the no_link handler '${graph.flow.interruptions.no_link}'`
            : `port '${port}' of '${module.id}' (${module.type}) has no arrow: leaving by it ends the run in error (no_link)`,
          modulePath(graph, module.id, 'ports', port),
          module.id,
          port,
        ),
      );
    }
  }
  return out;
}
