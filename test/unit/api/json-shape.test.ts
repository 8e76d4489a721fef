import { describe, expect, it } from 'vitest';
import { countValues, MAX_JSON_DEPTH, tooDeepAt } from '../../../main/api/json-shape';
import { jsonLocator, jsonOffsetOf, lineIndex } from '../../../main/formats/json-locate';

/** `[[[…]]]` n levels deep, built without recursion. */
function nested(n: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < n; i++) value = [value];
  return value;
}

describe('shape of untrusted values (json-shape.ts)', () => {
  it('allows 64 levels and names the first container past them', () => {
    expect(MAX_JSON_DEPTH).toBe(64);
    expect(tooDeepAt(nested(64))).toBeNull();
    // 65 levels: the 65th list is reached through 64 indexes.
    expect(tooDeepAt(nested(65))).toEqual(Array.from({ length: 64 }, () => 0));
    // The root is level 1, b level 2, c's outer list level 3: the list at level 65 is
    // 62 indexes further in.
    expect(tooDeepAt({ a: 1, b: { c: nested(64) } })).toEqual(['b', 'c', ...Array.from({ length: 62 }, () => 0)]);
  });

  it('measures 100,000 levels without a stack overflow', () => {
    expect(tooDeepAt(nested(100_000))?.length).toBe(64);
  });

  it('counts values up to a cap, shared values in every place they appear', () => {
    // {a: [1, 2], b: 'x'}: the object, the list, 1, 2 and 'x' = 5.
    expect(countValues({ a: [1, 2], b: 'x' }, 100)).toBe(5);
    const shared = [1, 2, 3];
    // the outer list + 2 × (the list + 3 numbers) = 9.
    expect(countValues([shared, shared], 100)).toBe(9);
    expect(countValues(Array.from({ length: 1000 }, () => 0), 10)).toBe(11);
  });
});

describe('locating a path in JSON text (json-locate.ts)', () => {
  const text = '{\n  "name": "x",\n  "modules": [\n    {"id": "a"},\n    {"id": "b", "ports": {"next": 3}}\n  ]\n}';
  const position = lineIndex(text);

  it('finds the value at a path, or the deepest part of it that exists', () => {
    expect(position(jsonOffsetOf(text, ['modules', 1, 'ports', 'next']))).toEqual({ line: 5, column: 35 });
    expect(position(jsonOffsetOf(text, ['modules', 0, 'id']))).toEqual({ line: 4, column: 12 });
    expect(position(jsonOffsetOf(text, ['modules', 1, 'text']))).toEqual({ line: 5, column: 5 });
    expect(position(jsonOffsetOf(text, ['name']))).toEqual({ line: 2, column: 11 });
    expect(position(jsonOffsetOf(text, []))).toEqual({ line: 1, column: 1 });
  });

  it('answers many paths through one index with the same offsets as a scan per path', () => {
    const locate = jsonLocator(text);
    const paths: PropertyKey[][] = [['modules', 1, 'ports', 'next'], ['modules', 0, 'id'], ['modules', 1, 'text'], ['name'], []];
    // 20 scans, then the index: every answer the same.
    for (let round = 0; round < 10; round++) for (const path of paths) expect(locate(path)).toBe(jsonOffsetOf(text, path));
  });
});
