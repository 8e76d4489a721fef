import type { LintWarning } from '../api/formats/lint';
import { portsOf } from '../api/formats/flow';
import { scanCode } from './code-scan';
import type { FlowGraph } from './flow-graph';
import { modulePath, warning } from './lint-context';

/**
 * SPEC §7.2: a lambda's `return 'x'` whose port `x` is not declared in its `ports`: taking
 * it leaves by `error` at run time. Only string literals written right after `return` are
 * checked (see code-scan.ts for the scan's limits).
 */
export function lambdaUnknownPort(graph: FlowGraph): LintWarning[] {
  const out: LintWarning[] = [];
  for (const { module } of graph.modules.values()) {
    if (module.type !== 'lambda') continue;
    const ports = portsOf(module, graph.flow.endpoints);
    const reported = new Set<string>();
    for (const { value, line } of scanCode(module.code).returnedLiterals) {
      if (ports.includes(value) || reported.has(value)) continue;
      reported.add(value);
      out.push(
        warning(
          'lambda-unknown-port',
          `lambda '${module.id}' returns '${value}' (line ${line} of its code), which is not one of its ports (${ports.join(', ')}): returning it leaves by error`,
          modulePath(graph, module.id, 'code'),
          module.id,
          value,
        ),
      );
    }
  }
  return out;
}
