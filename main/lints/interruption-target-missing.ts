import { portsOf } from '../api/formats/flow';
import type { LintWarning } from '../api/formats/lint';
import type { FlowGraph } from './flow-graph';
import { greenCycles } from './green-cycle';
import { warning } from './lint-context';

/**
 * A flow that sends system events to handlers (`interruptions`) but has no target for one
 * it can raise (SPEC §7.1 rule 14): a port without an arrow and no `no_link` handler, or a
 * green cycle with no pause and no `loop` handler. Those still end the run in error.
 */
export function interruptionTargetMissing(graph: FlowGraph): LintWarning[] {
  const handlers = graph.flow.interruptions;
  if (handlers === undefined || Object.values(handlers).every((to) => to === undefined)) return [];
  const out: LintWarning[] = [];
  if (handlers.no_link === undefined) {
    const open = [...graph.modules.values()].flatMap(({ module }) =>
      portsOf(module, graph.flow.endpoints)
        .filter((port) => module.ports[port] === undefined)
        .map((port) => `${module.id}.${port}`),
    );
    if (open.length > 0) {
      out.push(
        warning(
          'interruption-target-missing',
          `interruptions has no no_link target, and ${open.join(', ')} ${open.length === 1 ? 'has' : 'have'} no arrow: taking ${open.length === 1 ? 'it' : 'one'} ends the run in error (no_link)`,
          'interruptions',
        ),
      );
    }
  }
  if (handlers.loop === undefined) {
    const cycles = greenCycles(graph);
    if (cycles.length > 0) {
      out.push(
        warning(
          'interruption-target-missing',
          `interruptions has no loop target, and ${cycles.map((c) => c.join(' → ')).join('; ')} can loop without time passing: the loop guard then ends the run in error (loop)`,
          'interruptions',
        ),
      );
    }
  }
  return out;
}
