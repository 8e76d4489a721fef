export interface NodeRect {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * Where a graph opens: the whole graph when it fits at `minZoom` or more; otherwise at
 * `minZoom` (still readable), centred along an axis where the graph fits, and along the
 * other with the `anchor` module (the start, or the selection) at the left edge (the start)
 * or a third in (any other) and centred vertically — held so that no empty strip shows
 * before the graph's first module or after its last. Pan or press Fit to see the rest.
 */
export function initialViewport(nodes: readonly NodeRect[], anchor: string | null, pane: { width: number; height: number }, minZoom: number, maxZoom = 1, padding = 24): Viewport {
  if (nodes.length === 0 || pane.width <= 0 || pane.height <= 0) return { x: 0, y: 0, zoom: 1 };
  const minX = Math.min(...nodes.map((n) => n.x));
  const minY = Math.min(...nodes.map((n) => n.y));
  const maxX = Math.max(...nodes.map((n) => n.x + n.width));
  const maxY = Math.max(...nodes.map((n) => n.y + n.height));
  const fitZoom = Math.min((pane.width - 2 * padding) / (maxX - minX), (pane.height - 2 * padding) / (maxY - minY), maxZoom);
  if (fitZoom >= minZoom) {
    return { zoom: fitZoom, x: (pane.width - (maxX - minX) * fitZoom) / 2 - minX * fitZoom, y: (pane.height - (maxY - minY) * fitZoom) / 2 - minY * fitZoom };
  }
  const target = nodes.find((n) => n.id === anchor) ?? nodes.reduce((a, b) => (b.x < a.x ? b : a));
  const zoom = minZoom;
  /** Along one axis: centred when the graph fits, else at `wanted` held inside [pane end − padding − max, padding − min]. */
  const place = (size: number, min: number, max: number, wanted: number): number => {
    if ((max - min) * zoom <= size - 2 * padding) return (size - (max - min) * zoom) / 2 - min * zoom;
    return Math.min(padding - min * zoom, Math.max(size - padding - max * zoom, wanted));
  };
  const x = place(pane.width, minX, maxX, target.x <= minX + 1 ? padding - minX * zoom : pane.width / 3 - (target.x + target.width / 2) * zoom);
  const y = place(pane.height, minY, maxY, pane.height / 2 - (target.y + target.height / 2) * zoom);
  return { x, y, zoom };
}
