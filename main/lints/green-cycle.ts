import type { LintWarning } from '../api/formats/lint';
import type { FlowGraph } from './flow-graph';
import { modulePath, warning } from './lint-context';

const BREAKS_CYCLE = new Set(['wait', 'counter']);

/** The cycles of green arrows with no pause (wait) and no counter, each as its module ids in flow order. */
export function greenCycles(graph: FlowGraph): string[][] {
  const nodes = [...graph.modules.values()].map((m) => m.module).filter((m) => !BREAKS_CYCLE.has(m.type)).map((m) => m.id);
  const inGraph = new Set(nodes);
  const next = (id: string): string[] =>
    graph.out(id).filter((e) => e.arrow === 'green' && inGraph.has(e.to)).map((e) => e.to);
  return stronglyConnected(nodes, next)
    .filter((component) => component.length > 1 || next(component[0] as string).includes(component[0] as string))
    .map((component) => [...component].sort((a, b) => graph.index(a) - graph.index(b)));
}

/** A cycle of green arrows with no pause (wait) and no counter: an infinite loop in zero time. */
export function greenCycle(graph: FlowGraph): LintWarning[] {
  return greenCycles(graph).map((ordered) => {
    const first = ordered[0] as string;
    return warning(
      'green-cycle',
      `modules ${ordered.join(', ')} form a cycle of green arrows with no wait and no counter: it loops without time passing`,
      modulePath(graph, first),
      first,
    );
  });
}

/** Tarjan's algorithm, iterative. */
function stronglyConnected(nodes: readonly string[], next: (id: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { id: string; children: string[]; i: number }[] = [{ id: root, children: next(root), i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { id: string; children: string[]; i: number };
      if (frame.i < frame.children.length) {
        const child = frame.children[frame.i++] as string;
        if (!index.has(child)) {
          index.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ id: child, children: next(child), i: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(child) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        for (;;) {
          const id = stack.pop() as string;
          onStack.delete(id);
          component.push(id);
          if (id === frame.id) break;
        }
        components.push(component);
      }
    }
  }
  return components;
}
