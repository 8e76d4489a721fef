/**
 * Where a path is written in JSON text, found by one pass over the text without building
 * anything (the YAML parser would take seconds and gigabytes on a large JSON file, and
 * recurse on a deep one). The text must be valid JSON (JSON.parse accepted it).
 */

interface Frame {
  array: boolean;
  /** The key or index of the child being read. */
  key: string | number;
  /** In an object: the next string is a key. */
  expectKey: boolean;
}

/** The offset of the value at `path`, or of the deepest part of the path that exists. */
export function jsonOffsetOf(text: string, path: readonly PropertyKey[]): number {
  let best = 0;
  let bestLength = -1;
  scanValues(text, (stack, offset) => {
    const length = stack.length;
    if (length > path.length) return false;
    for (let k = 0; k < length; k++) if (!sameKey((stack[k] as Frame).key, path[k])) return false;
    if (length > bestLength) {
      bestLength = length;
      best = offset;
    }
    return length === path.length;
  });
  return best;
}

/**
 * Offsets of paths in one JSON text: a scan per path for the first few, then (a document
 * with many issues) one scan that indexes every value, so locating stays linear.
 */
export function jsonLocator(text: string): (path: readonly PropertyKey[]) => number {
  const SCANS_BEFORE_INDEX = 20;
  let scans = 0;
  let index: Map<string, number> | null = null;
  return (path) => {
    if (index === null && scans++ < SCANS_BEFORE_INDEX) return jsonOffsetOf(text, path);
    if (index === null) {
      const built = new Map<string, number>();
      scanValues(text, (stack, offset) => {
        built.set(pathKey(stack.map((f) => f.key)), offset);
        return false;
      });
      index = built;
    }
    for (let n = path.length; n > 0; n--) {
      const found = index.get(pathKey(path.slice(0, n)));
      if (found !== undefined) return found;
    }
    return 0;
  };
}

function pathKey(path: readonly PropertyKey[]): string {
  return path.map((k) => (typeof k === 'number' ? `#${k}` : `.${String(k)}`)).join('\u0000');
}

/** Calls `visit` at the start of every value with the keys leading to it; stops when it returns true. */
function scanValues(text: string, visit: (stack: readonly Frame[], offset: number) => boolean): void {
  const stack: Frame[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3a /* : */) {
      i++;
      continue;
    }
    if (c === 0x2c /* , */) {
      if (top) {
        if (top.array) top.key = (top.key as number) + 1;
        else top.expectKey = true;
      }
      i++;
      continue;
    }
    if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      stack.pop();
      i++;
      continue;
    }
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      if (top && !top.array && top.expectKey) {
        top.key = decodeKey(text.slice(i, end));
        top.expectKey = false;
      } else if (visit(stack, i)) return;
      i = end;
      continue;
    }
    if (visit(stack, i)) return;
    if (c === 0x7b /* { */) stack.push({ array: false, key: '', expectKey: true });
    else if (c === 0x5b /* [ */) stack.push({ array: true, key: 0, expectKey: false });
    else {
      // A number, true, false or null: runs to the next delimiter.
      while (i + 1 < n && !/[\s,\]}:]/.test(text[i + 1] as string)) i++;
    }
    i++;
  }
}

function sameKey(a: string | number, b: PropertyKey | undefined): boolean {
  return typeof b === 'number' || typeof b === 'string' ? a === b : false;
}

/** The offset just after the string starting at `start` (a `"`). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i += 2;
    else if (c === 0x22) return i + 1;
    else i++;
  }
  return i;
}

function decodeKey(literal: string): string {
  try {
    const key: unknown = JSON.parse(literal);
    return typeof key === 'string' ? key : literal;
  } catch {
    return literal;
  }
}

/** 1-based line and column of offsets in one text, with the line starts found once. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  let starts: number[] | null = null;
  return (offset) => {
    if (starts === null) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  };
}
