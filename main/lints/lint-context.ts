import type { LintWarning } from '../api/formats/lint';
import type { FlowGraph } from './flow-graph';

/** Where a lint points: `modules[3]` or `modules[3].ports.next`. */
export function modulePath(graph: FlowGraph, moduleId: string, ...rest: string[]): string {
  const base = `modules[${graph.index(moduleId)}]`;
  return rest.length === 0 ? base : `${base}.${rest.join('.')}`;
}

export function warning(
  rule: LintWarning['rule'],
  message: string,
  path: string,
  module: string | null = null,
  port: string | null = null,
): LintWarning {
  return { rule, message, module, port, path };
}
