/**
 * Wrapping a left-to-right layered layout into rows, like text: a long chain of modules
 * (greet → read → lookup → hold → pause → check → …) becomes a few rows that fit the pane at
 * a readable zoom instead of one strip that only fits when the text is too small to read.
 *
 * The layering itself comes from dagre (graph-layout.ts); this file only cuts its columns
 * into rows and routes the arrows that go back to the left (a loop, or a wrap to the next
 * row) along a lane under the row they leave, so they never cross a module.
 */

/** A node as the layered layout placed it: top-left corner and size. */
export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WrapSpacing {
  /** Horizontal gap between two columns. */
  columnGap: number;
  /** Smallest vertical gap between two rows. */
  rowGap: number;
  /** Distance between two lanes (and from a row's bottom to its first lane). */
  laneGap: number;
}

export interface WrapEdge {
  id: string;
  source: string;
  target: string;
}

export interface WrappedLayout {
  /** Top-left corner of each node. */
  positions: Map<string, { x: number; y: number }>;
  /** Edge id → y of the lane it runs along (edges that go back to the left only). */
  lanes: Map<string, number>;
  /** Columns per row. */
  perRow: number;
  rows: number;
  width: number;
  height: number;
}

/** The columns of a left-to-right layout, left to right: nodes whose centres share an x. */
export function columnsOf(boxes: readonly Box[]): Box[][] {
  const byCentre = new Map<number, Box[]>();
  for (const box of boxes) {
    const centre = Math.round(box.x + box.width / 2);
    const column = byCentre.get(centre) ?? [];
    column.push(box);
    byCentre.set(centre, column);
  }
  return [...byCentre.entries()].sort((a, b) => a[0] - b[0]).map(([, column]) => column.sort((a, b) => a.y - b.y));
}

/**
 * Cuts the columns into rows of `perRow` columns. Every column is as wide as the widest
 * node; each keeps the vertical spacing of its nodes and is centred on its row's middle. An edge whose target is not to the right of its source (a loop back, or
 * a wrap onto a later row) gets a lane under its source's row; rows are spaced to hold them.
 */
export function wrapColumns(columns: readonly (readonly Box[])[], edges: readonly WrapEdge[], perRow: number, spacing: WrapSpacing): WrappedLayout {
  const per = Math.max(1, Math.min(Math.floor(perRow), Math.max(columns.length, 1)));
  const step = Math.max(0, ...columns.flat().map((b) => b.width)) + spacing.columnGap;
  const place = new Map<string, { row: number; col: number; box: Box }>();
  columns.forEach((column, c) => {
    for (const box of column) place.set(box.id, { row: Math.floor(c / per), col: c % per, box });
  });
  const rowCount = Math.ceil(columns.length / per);

  // Which edges need a lane, and how many lanes each row holds (x positions do not depend on row gaps).
  const laneIndex = new Map<string, { row: number; index: number }>();
  const lanesPerRow = new Array<number>(rowCount).fill(0);
  for (const edge of edges) {
    const from = place.get(edge.source);
    const to = place.get(edge.target);
    if (!from || !to || to.col > from.col) continue;
    laneIndex.set(edge.id, { row: from.row, index: lanesPerRow[from.row] ?? 0 });
    lanesPerRow[from.row] = (lanesPerRow[from.row] ?? 0) + 1;
  }

  const positions = new Map<string, { x: number; y: number }>();
  const bottoms: number[] = [];
  let top = 0;
  for (let row = 0; row < rowCount; row++) {
    const rowColumns = columns.slice(row * per, (row + 1) * per);
    // Each column keeps its own spacing and is centred on the row's middle line: the rows stay
    // as short as their tallest column (the layout's offsets between columns came from the
    // one long strip and would stretch a row).
    const spans = rowColumns.map((column) => {
      const minY = Math.min(...column.map((b) => b.y));
      return { column, minY, span: Math.max(...column.map((b) => b.y + b.height)) - minY };
    });
    const rowHeight = Math.max(0, ...spans.map((s) => s.span));
    for (const { column, minY, span } of spans) {
      const offset = top + (rowHeight - span) / 2;
      for (const box of column) {
        const at = place.get(box.id);
        if (at) positions.set(box.id, { x: at.col * step, y: offset + (box.y - minY) });
      }
    }
    const bottom = top + rowHeight;
    bottoms.push(bottom);
    const lanes = lanesPerRow[row] ?? 0;
    top = bottom + Math.max(spacing.rowGap, (lanes + 1) * spacing.laneGap);
  }
  const lanes = new Map<string, number>();
  for (const [id, { row, index }] of laneIndex) lanes.set(id, (bottoms[row] ?? 0) + (index + 1) * spacing.laneGap);
  const lastLanes = lanesPerRow[rowCount - 1] ?? 0;
  const height = rowCount === 0 ? 0 : (bottoms[rowCount - 1] ?? 0) + lastLanes * spacing.laneGap + (lastLanes > 0 ? spacing.laneGap / 2 : 0);
  const width = Math.min(per, columns.length) * step - spacing.columnGap;
  return { positions, lanes, perRow: per, rows: rowCount, width: Math.max(width, 0), height };
}

export interface PaneFit {
  width: number;
  height: number;
  /** Margin kept free on every side of the pane (screen px). */
  padding: number;
  /** The largest zoom a first view uses. */
  maxZoom: number;
  /** Wrap no further once the graph fits at this zoom (text at its comfortable size). */
  comfortableZoom: number;
}

/** The zoom at which a `width` × `height` graph fills the pane (capped at maxZoom). */
export function fitZoom(width: number, height: number, pane: Pick<PaneFit, 'width' | 'height' | 'padding' | 'maxZoom'>): number {
  const w = Math.max(pane.width - 2 * pane.padding, 1);
  const h = Math.max(pane.height - 2 * pane.padding, 1);
  return Math.min(w / Math.max(width, 1), h / Math.max(height, 1), pane.maxZoom);
}

/**
 * A column of more than `most` nodes (a fan-out: one answer per case) becomes side-by-side
 * columns of at most `most`, top to bottom then left to right. Arrows into the layer still
 * come from the left and arrows out of it still go right, as nothing links nodes of one
 * layer. Each new column starts where the original one started.
 */
export function splitTallColumns(columns: readonly (readonly Box[])[], most: number): Box[][] {
  const limit = Math.max(1, Math.floor(most));
  return columns.flatMap((column) => {
    if (column.length <= limit) return [[...column]];
    const first = column[0] as Box;
    const parts: Box[][] = [];
    for (let i = 0; i < column.length; i += limit) {
      const chunk = column.slice(i, i + limit);
      const shift = (chunk[0] as Box).y - first.y;
      parts.push(chunk.map((b) => ({ ...b, y: b.y - shift })));
    }
    return parts;
  });
}

/**
 * How to fold the layout into the pane: the fewest changes that fit it at the comfortable
 * zoom — rows first (the most columns per row that fit), then tall columns split (the most
 * nodes per column that fit); when nothing reaches that zoom, the layout that fits at the
 * largest zoom (ties: fewer changes).
 */
export function chooseColumnsPerRow(columns: readonly (readonly Box[])[], edges: readonly WrapEdge[], pane: PaneFit, spacing: WrapSpacing): WrappedLayout {
  let best: { layout: WrappedLayout; zoom: number } | null = null;
  const tallest = Math.max(1, ...columns.map((c) => c.length));
  for (let most = tallest; most >= 2 || most === tallest; most--) {
    const split = most === tallest ? columns : splitTallColumns(columns, most);
    for (let per = split.length; per >= 1; per--) {
      const layout = wrapColumns(split, edges, per, spacing);
      const zoom = fitZoom(layout.width, layout.height, pane);
      if (zoom >= pane.comfortableZoom) return layout;
      if (best === null || zoom > best.zoom + 1e-9) best = { layout, zoom };
    }
    if (most <= 1) break;
  }
  return best?.layout ?? wrapColumns(columns, edges, 1, spacing);
}
