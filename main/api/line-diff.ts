/** One line of a unified diff (computed by the host, main/host/line-diff.ts): kept (' '), removed ('-') or added ('+'), with its line numbers. */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
  /** 1-based line in the old text (absent for an added line). */
  old?: number | undefined;
  /** 1-based line in the new text (absent for a removed line). */
  new?: number | undefined;
}

/** The changed lines with `context` kept lines around each change; a gap between is one `null`. */
export function hunks(lines: readonly DiffLine[], context = 3): (DiffLine | null)[] {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, i) => {
    if (line.op === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  const out: (DiffLine | null)[] = [];
  let gap = false;
  lines.forEach((line, i) => {
    if (keep[i]) {
      if (gap && out.length > 0) out.push(null);
      gap = false;
      out.push(line);
    } else gap = true;
  });
  return out;
}
