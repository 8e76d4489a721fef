import dagre from '@dagrejs/dagre';
import { chooseColumnsPerRow, columnsOf, wrapColumns } from './wrap-layout';
import type { PaneFit, WrappedLayout } from './wrap-layout';

export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  source: string;
  target: string;
}

/**
 * The layout's spacing (graph units): between two modules of one column (nodeGap), two
 * columns, two rows, two lanes. Tight enough that the example flows fit a 1440 × 900 window
 * beside the flow list at a readable zoom; a module is drawn about 10 units shorter than
 * its layout box (nodeHeight keeps room for port choices), which adds to nodeGap on screen.
 */
export const LAYOUT_SPACING = { nodeGap: 12, columnGap: 44, rowGap: 28, laneGap: 14 } as const;

/** Top-left positions for the nodes, left to right along the arrows (dagre). */
export function layoutGraph(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Map<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: LAYOUT_SPACING.nodeGap, ranksep: LAYOUT_SPACING.columnGap, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: node.width, height: node.height });
  edges.forEach((edge, i) => graph.setEdge(edge.source, edge.target, {}, `e${i}`));
  dagre.layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const laid = graph.node(node.id);
    positions.set(node.id, { x: Math.round(laid.x - node.width / 2), y: Math.round(laid.y - node.height / 2) });
  }
  return positions;
}


/**
 * The layered layout (dagre, left to right) cut into rows that fit `pane` at a readable
 * zoom (see wrap-layout.ts); without a pane, one row. Lanes: where the arrows going back
 * to the left run.
 */
export function wrappedLayout(nodes: readonly LayoutNode[], edges: readonly (LayoutEdge & { id: string })[], pane: PaneFit | null): WrappedLayout {
  const laid = layoutGraph(nodes, edges);
  const boxes = nodes.map((n) => ({ id: n.id, width: n.width, height: n.height, ...(laid.get(n.id) ?? { x: 0, y: 0 }) }));
  const columns = columnsOf(boxes);
  return pane === null ? wrapColumns(columns, edges, columns.length, LAYOUT_SPACING) : chooseColumnsPerRow(columns, edges, pane, LAYOUT_SPACING);
}
