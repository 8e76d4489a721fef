import { Environment } from '@marcbachmann/cel-js';
import { describe, expect, it } from 'vitest';
import { CEL_PARSE_LIMITS, celSyntaxError, compileCel, toCelVariables } from '../../../main/expr/cel';
import { instrumentCel } from '../../../main/expr/cel-instrument';
import { CEL_COST_LIMIT, CelMeter } from '../../../main/expr/cel-meter';

const ev = (source: string, vars: Record<string, unknown> = {}): unknown => compileCel(source).evaluate(toCelVariables(vars as never));

const env = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false, limits: CEL_PARSE_LIMITS });

/** Evaluates on a meter of `limit` (variables already CEL values); returns the result and what it cost. */
function run(source: string, vars: Record<string, unknown>, limit: number): { value: unknown; spent: number } {
  const fn = env.parse(source);
  fn.check();
  let meter: CelMeter | null = null;
  instrumentCel(fn.ast, () => meter);
  meter = new CelMeter(limit);
  const value: unknown = fn(vars);
  return { value, spent: meter.spent };
}

const metered = (source: string, vars: Record<string, unknown>, limit: number): unknown => run(source, vars, limit).value;
/** The cost of one evaluation, read from a meter with no limit. */
const costOf = (source: string, vars: Record<string, unknown> = {}): number => run(source, vars, Number.MAX_SAFE_INTEGER).spent;

/** `[0, 1, …, n-1]` written out. */
const list = (n: number): string => `[${Array.from({ length: n }, (_, i) => i).join(', ')}]`;

/** `cel.bind(a0, [1, 1], cel.bind(a1, [a0, a0], … body))`: a_k shares its halves, 2^(k+1) leaves. */
function doubling(k: number, body: string): string {
  let source = body;
  for (let i = k; i >= 0; i--) source = `cel.bind(a${i}, [${i === 0 ? '1, 1' : `a${i - 1}, a${i - 1}`}], ${source})`;
  return source;
}

describe('CEL cost budget (cel-meter.ts)', () => {
  it('charges one unit per node and the smaller side of a comparison', () => {
    // Nodes: &&, >=, status, 200, <, status, 300 = 7; each comparison reads two one-unit
    // ints, min(1, 1) = 1 each: 7 + 2 = 9.
    expect(costOf('status >= 200 && status < 300', { status: 200n })).toBe(9);
  });

  it('charges every iteration of a nested map', () => {
    // Inner `[1,2,3].map(b, a + b)`: the call 1 + the list it makes 3 + the comprehension 1
    // + its iterable (list node 1, three values 3, the list made 3 = 7) + the empty
    // accumulator 1 + three steps of (push 1, + 1, a 1, b 1 = 4) = 12 → 25.
    // Outer: the same frame (1 + 3 + 1 + 7 + 1 = 13) + three steps of (push 1 + inner 25) = 78 → 91.
    expect(costOf('[1,2,3].map(a, [1,2,3].map(b, a + b))')).toBe(91);
    expect(ev('[1,2,3].map(a, [1,2,3].map(b, a + b))')).toEqual([[2, 3, 4], [3, 4, 5], [4, 5, 6]]);
  });

  it('stops a nested map over a small list long before it runs for seconds', () => {
    // 30^4 = 810,000 innermost steps, each at least 4 units: far over the budget of 100,000.
    const l = list(30);
    const source = `${l}.map(a, ${l}.map(b, ${l}.map(c, ${l}.map(d, a + b + c + d))))`;
    const started = performance.now();
    expect(() => ev(source)).toThrow(`cost budget of ${CEL_COST_LIMIT} steps`);
    expect(performance.now() - started).toBeLessThan(2000);
  }, 30_000);

  it('does not let exists, all or || swallow the budget error', () => {
    const l = list(30);
    expect(() => ev(`${l}.exists(a, ${l}.exists(b, ${l}.exists(c, ${l}.exists(d, a + b + c + d < 0)))) || true`)).toThrow(/cost budget/);
    expect(() => ev(`${l}.all(a, ${l}.all(b, ${l}.all(c, ${l}.all(d, a + b + c + d >= 0))))`)).toThrow(/cost budget/);
    // Past the budget every further iteration stops at once: of 200,000 items only those
    // the budget paid for are read. One iteration of `i.id == 199999` costs 7 (the ternary
    // `exists` steps with 1, == 1, . 1, i 1, 199999 1, comparing two ints 1, the result 1):
    // at most 100,000 / 7 = 14,285 iterations, and a couple more to notice.
    let reads = 0;
    const items = Array.from({ length: 200_000 }, (_, i) => ({ id: BigInt(i) }));
    const counted = new Proxy(items, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(() => metered('body.exists(i, i.id == 199999)', { body: counted }, CEL_COST_LIMIT)).toThrow(/cost budget/);
    expect(reads).toBeGreaterThan(14_000);
    expect(reads).toBeLessThanOrEqual(14_300);
    // Within the budget the same list is fine.
    expect(metered('body.exists(i, i.id == 5000)', { body: items }, CEL_COST_LIMIT)).toBe(true);
    expect(metered('body.size() > 0', { body: items }, CEL_COST_LIMIT)).toBe(true);
  }, 30_000);

  it('charges the values made: a string doubled 2^20 times is over the budget', () => {
    // "xxxxxxxxxxxxxxxx" (16 chars) ×16 ×16 ×16 = 65,536 chars = 4,096 units; ×16 again
    // = 1,048,576 chars = 65,536 units for each of 16 additions of growing strings: over.
    const a16 = '"xxxxxxxxxxxxxxxx"';
    const times16 = (v: string): string => Array.from({ length: 16 }, () => v).join(' + ');
    const source = `cel.bind(a, ${a16}, cel.bind(b, ${times16('a')}, cel.bind(c, ${times16('b')}, cel.bind(d, ${times16('c')}, ${times16('d')}))))`;
    expect(() => ev(source)).toThrow(/cost budget/);
  });

  it('charges comparing shared lists by what the comparison reads', () => {
    // a_k has 2^(k+1) leaves and 2^(k+1) - 1 lists: reading it costs 2^(k+2) - 1.
    // a12: 16,383 units, within the budget; a16: 262,143 units, over it.
    expect(ev(doubling(12, 'a12 == a12'))).toBe(true);
    expect(() => ev(doubling(16, 'a16 == a16'))).toThrow(/cost budget/);
  });

  it('refuses a result that is more JSON than any document may hold', () => {
    // a17 is 2^18 leaves + 2^18 - 1 lists = 524,287 values: returned; a18 is 1,048,575 > 1,000,000.
    expect(JSON.stringify(ev(doubling(17, 'a17'))).length).toBeGreaterThan(0);
    expect(() => ev(doubling(18, 'a18'))).toThrow(/result too large: more than 1000000 values/);
  }, 30_000);
});

describe('CEL matches() on RE2', () => {
  it('runs a catastrophic-backtracking pattern in linear time', () => {
    const started = performance.now();
    expect(ev('message.matches("^(a+)+$")', { message: `${'a'.repeat(36)}!` })).toBe(false);
    expect(ev('message.matches("^(a+)+$")', { message: 'a'.repeat(36) })).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses at load a written pattern RE2 cannot run, and at run time one from a variable', () => {
    expect(celSyntaxError('message.matches("(a)\\\\1")')).toMatch(/RE2 cannot run this pattern: backreferences/);
    expect(celSyntaxError('message.matches("(?=a)b")')).toMatch(/lookahead and lookbehind/);
    expect(() => ev('message.matches(p)', { message: 'aa', p: '(?<=a)a' })).toThrow(/lookahead and lookbehind/);
    expect(ev('message.matches(p)', { message: 'order 123', p: '\\d{3}' })).toBe(true);
  });
});

describe('CEL variables have no prototype', () => {
  it('reads constructor, toString and __proto__ as unknown variables, never as functions', () => {
    expect(() => ev('constructor', {})).toThrow(/Unknown variable: constructor/);
    expect(() => ev('toString == null', {})).toThrow(/Unknown variable: toString/);
    expect(() => ev('this.constructor', {})).toThrow(/Unknown variable: this/);
    expect(() => ev('m.constructor', { m: { a: 1 } })).toThrow(/No such key: constructor/);
  });
});
