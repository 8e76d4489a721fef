export interface Point {
  x: number;
  y: number;
}

/**
 * An SVG path through `points` with straight segments and rounded corners: each corner is a
 * quadratic curve of `radius`, smaller where a segment is too short to hold it.
 */
export function roundedPolyline(points: readonly Point[], radius: number): string {
  const first = points[0];
  if (!first) return '';
  const parts = [`M ${first.x} ${first.y}`];
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1] as Point;
    const corner = points[i] as Point;
    const next = points[i + 1] as Point;
    const inLength = Math.hypot(corner.x - prev.x, corner.y - prev.y);
    const outLength = Math.hypot(next.x - corner.x, next.y - corner.y);
    const r = Math.min(radius, inLength / 2, outLength / 2);
    if (r <= 0) {
      parts.push(`L ${corner.x} ${corner.y}`);
      continue;
    }
    const before = { x: corner.x - ((corner.x - prev.x) / inLength) * r, y: corner.y - ((corner.y - prev.y) / inLength) * r };
    const after = { x: corner.x + ((next.x - corner.x) / outLength) * r, y: corner.y + ((next.y - corner.y) / outLength) * r };
    parts.push(`L ${before.x} ${before.y}`, `Q ${corner.x} ${corner.y} ${after.x} ${after.y}`);
  }
  const last = points[points.length - 1] as Point;
  if (points.length > 1) parts.push(`L ${last.x} ${last.y}`);
  return parts.join(' ');
}

/**
 * An arrow back to the left along a lane (the free strip under a row of modules): out of the
 * port to the right, along the column gap to the lane, left to the gap before the target,
 * up or down to it, and in from its left. Returns the path and where its label goes.
 */
export function lanePath(sx: number, sy: number, tx: number, ty: number, lane: number, out = 22, radius = 8): [string, number, number] {
  const right = sx + out;
  const left = tx - out;
  const path = roundedPolyline(
    [
      { x: sx, y: sy },
      { x: right, y: sy },
      { x: right, y: lane },
      { x: left, y: lane },
      { x: left, y: ty },
      { x: tx, y: ty },
    ],
    radius,
  );
  return [path, (right + left) / 2, lane];
}
