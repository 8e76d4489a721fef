import { MarkerType } from '@vue-flow/core';
import type { Edge, Node } from '@vue-flow/core';
import type { Arrow, FlowFile, FlowModule } from '../../../main/api/formats/flow';
import { portsOf, targetOf } from '../../../main/api/formats/flow';
import type { LintWarning } from '../../../main/api/formats/lint';
import { wrappedLayout } from './graph-layout';
import { ARROW_COLOURS, moduleSummary } from './module-look';
import type { PortTaken, RunOverlay } from './run-overlay';
import type { PaneFit } from './wrap-layout';

export interface PortView {
  name: string;
  /** Where the arrow goes, null when the port is not connected. */
  to: string | null;
  arrow: Arrow | null;
  /** Times the run left by this port (0 without a run). */
  taken: number;
  /** Times the example suite took this port (coverage), null when coverage is not shown. */
  covered: number | null;
  /** A timeout / failure / waiting port: the handlers suites forget. */
  handler: boolean;
  lints: LintWarning[];
}

export interface ModuleNodeData {
  module: FlowModule;
  summary: string;
  ports: PortView[];
  /** Lint warnings about the module as a whole (not one port). */
  lints: LintWarning[];
  isStart: boolean;
  /** Whether a run is shown on the graph at all. */
  hasRun: boolean;
  visits: number;
  choices: PortTaken[];
  /** The run ended in this module. */
  last: boolean;
}

export interface FlowEdgeData {
  port: string;
  arrow: Arrow;
  taken: number;
  hasRun: boolean;
  /** The y of the lane an arrow back to the left runs along (automatic layout only). */
  lane: number | null;
}

export type ModuleNode = Node<ModuleNodeData, Record<string, never>, 'module'>;
export type FlowEdge = Edge<FlowEdgeData, Record<string, never>, 'flow'>;

export interface FlowGraph {
  nodes: ModuleNode[];
  edges: FlowEdge[];
}

/** Ports that handle timeouts and failures (the coverage calls them out). */
const HANDLER_PORTS = new Set(['failure', 'waiting']);

/**
 * The flow as Vue Flow nodes (one per module, a handle per port) and edges (one per arrow).
 * `coverage` (`module.port` → times the suite took it) colours the ports never taken. With
 * `pane`, modules the file gives no position are laid out in rows that fit it (long chains
 * wrap); without, in one left-to-right strip.
 */
export function buildFlowGraph(
  flow: FlowFile,
  lints: readonly LintWarning[],
  overlay: RunOverlay | null,
  coverage: ReadonlyMap<string, number> | null = null,
  pane: PaneFit | null = null,
): FlowGraph {
  const moduleIds = new Set(flow.modules.map((m) => m.id));
  const nodes: (ModuleNode & { data: ModuleNodeData })[] = [];
  const edges: FlowEdge[] = [];
  for (const module of flow.modules) {
    const declared = Object.keys(module.ports);
    const names = [...new Set([...portsOf(module, flow.endpoints), ...declared])];
    const ports: PortView[] = names.map((name) => {
      const raw = module.ports[name];
      const target = raw === undefined ? null : targetOf(raw);
      return {
        name,
        to: target?.to ?? null,
        arrow: target?.arrow ?? null,
        taken: overlay?.taken.get(`${module.id}.${name}`) ?? 0,
        covered: coverage === null ? null : (coverage.get(`${module.id}.${name}`) ?? 0),
        handler: HANDLER_PORTS.has(name),
        lints: lints.filter((l) => l.module === module.id && l.port === name),
      };
    });
    nodes.push({
      id: module.id,
      type: 'module',
      position: { x: 0, y: 0 },
      data: {
        module,
        summary: moduleSummary(module),
        ports,
        lints: lints.filter((l) => l.module === module.id && (l.port === null || !names.includes(l.port))),
        isStart: module.id === flow.start,
        hasRun: overlay !== null,
        visits: overlay?.visits.get(module.id) ?? 0,
        choices: overlay?.choices.get(module.id) ?? [],
        last: overlay?.lastModule === module.id,
      },
    });
    for (const port of ports) {
      if (port.to === null || port.arrow === null || !moduleIds.has(port.to)) continue;
      edges.push({
        id: `${module.id}.${port.name}`,
        type: 'flow',
        source: module.id,
        sourceHandle: port.name,
        target: port.to,
        targetHandle: 'in',
        markerEnd: { type: MarkerType.ArrowClosed, color: ARROW_COLOURS[port.arrow], width: 16, height: 16 },
        data: { port: port.name, arrow: port.arrow, taken: port.taken, hasRun: overlay !== null, lane: null },
      });
    }
  }
  const layout = wrappedLayout(
    nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: nodeHeight(n.data) })),
    edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
    pane,
  );
  for (const node of nodes) {
    node.position = node.data.module.position ?? layout.positions.get(node.id) ?? { x: 0, y: 0 };
  }
  // Lanes are worked out for the automatic layout: not where the file places any module.
  const automatic = flow.modules.every((m) => m.position === undefined);
  for (const edge of edges) {
    if (automatic && edge.data) edge.data.lane = layout.lanes.get(edge.id) ?? null;
  }
  return { nodes, edges };
}

export const NODE_WIDTH = 188;

/**
 * About how tall a module node is drawn (dagre needs sizes before the DOM exists). It
 * leaves room for two port choices and ignores the run, so a run never moves the modules.
 */
export function nodeHeight(data: Pick<ModuleNodeData, 'ports'>): number {
  return 48 + data.ports.length * 19 + 40;
}
