import type { FlowFile, FlowModule } from '../api/formats/flow';
import { targetOf } from '../api/formats/flow';

export interface Edge {
  from: string;
  port: string;
  to: string;
  arrow: 'green' | 'red';
}

/** The flow as a graph of modules and port arrows, for the static checks. */
export class FlowGraph {
  readonly modules: ReadonlyMap<string, { module: FlowModule; index: number }>;
  readonly edges: readonly Edge[];
  private readonly outgoing = new Map<string, Edge[]>();

  constructor(readonly flow: FlowFile) {
    this.modules = new Map(flow.modules.map((module, index) => [module.id, { module, index }]));
    this.edges = flow.modules.flatMap((m) =>
      Object.entries(m.ports).map(([port, target]) => ({ from: m.id, port, ...targetOf(target) })),
    );
    for (const edge of this.edges) {
      const list = this.outgoing.get(edge.from) ?? [];
      list.push(edge);
      this.outgoing.set(edge.from, list);
    }
  }

  out(moduleId: string): readonly Edge[] {
    return this.outgoing.get(moduleId) ?? [];
  }

  module(id: string): FlowModule | undefined {
    return this.modules.get(id)?.module;
  }

  index(id: string): number {
    return this.modules.get(id)?.index ?? -1;
  }

  /** Modules reachable from `from` by edges that `follow` accepts (from itself excluded unless on a cycle). */
  reachable(from: string, follow: (edge: Edge) => boolean): Set<string> {
    const seen = new Set<string>();
    const stack = this.out(from).filter(follow).map((e) => e.to);
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const edge of this.out(id)) if (follow(edge)) stack.push(edge.to);
    }
    return seen;
  }

  /** One shortest path from `from` to `to` over accepted edges, as module ids, or null. */
  path(from: string, to: string, follow: (edge: Edge) => boolean, through: (id: string) => boolean = () => true): string[] | null {
    const previous = new Map<string, string>();
    const queue = this.out(from).filter(follow).map((e) => ({ id: e.to, prev: from }));
    const seen = new Set<string>();
    while (queue.length > 0) {
      const { id, prev } = queue.shift() as { id: string; prev: string };
      if (seen.has(id)) continue;
      seen.add(id);
      previous.set(id, prev);
      if (id === to) {
        const path = [id];
        let cursor = prev;
        while (cursor !== from) {
          path.unshift(cursor);
          cursor = previous.get(cursor) as string;
        }
        return [from, ...path];
      }
      if (!through(id)) continue;
      for (const edge of this.out(id)) if (follow(edge)) queue.push({ id: edge.to, prev: id });
    }
    return null;
  }
}

export const isGreen = (edge: Edge): boolean => edge.arrow === 'green';
export const anyEdge = (): boolean => true;
