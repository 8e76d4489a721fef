/**
 * An arrow back to a module on its left: out of the port to the right, down under both
 * modules, back left, and into the target from its left side — so it never hides behind
 * the modules it passes. Returns the SVG path and where its label goes.
 */
export function backEdgePath(sx: number, sy: number, tx: number, ty: number, drop = 72, out = 22, radius = 10): [string, number, number] {
  const bottom = Math.max(sy, ty) + drop;
  const right = sx + out;
  const left = tx - out;
  const r = Math.min(radius, out / 2, (bottom - Math.max(sy, ty)) / 2);
  const path = [
    `M ${sx} ${sy}`,
    `L ${right - r} ${sy}`,
    `Q ${right} ${sy} ${right} ${sy + r}`,
    `L ${right} ${bottom - r}`,
    `Q ${right} ${bottom} ${right - r} ${bottom}`,
    `L ${left + r} ${bottom}`,
    `Q ${left} ${bottom} ${left} ${bottom - r}`,
    `L ${left} ${ty + (ty < bottom ? r : -r)}`,
    `Q ${left} ${ty} ${left + r} ${ty}`,
    `L ${tx} ${ty}`,
  ].join(' ');
  return [path, (right + left) / 2, bottom];
}
