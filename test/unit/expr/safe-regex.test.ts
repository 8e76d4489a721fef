import { describe, expect, it } from 'vitest';
import { compileSafeRegex, MAX_MATCH_WORK, regexProblem } from '../../../main/expr/safe-regex';

describe('patterns on RE2 (safe-regex.ts)', () => {
  it('finds the first match and its groups, undefined for a group that took no part', () => {
    expect(compileSafeRegex('\\d+').exec("It's 12345, thanks")).toEqual(['12345']);
    expect(compileSafeRegex('order (\\d+)').exec('my order 778 please')).toEqual(['order 778', '778']);
    expect(compileSafeRegex('(a)|(b)').exec('xb')).toEqual(['b', undefined, 'b']);
    expect(compileSafeRegex('(?i)YES').test('oh yes')).toBe(true);
    expect(compileSafeRegex('\\d+').exec('none')).toBeNull();
  });

  it('matches ^(a+)+$ against 36 × "a" + "!" at once (it backtracks for minutes in JavaScript)', () => {
    const started = performance.now();
    expect(compileSafeRegex('^(a+)+$').test(`${'a'.repeat(36)}!`)).toBe(false);
    expect(compileSafeRegex('^(a+)+$').test('a'.repeat(20_000))).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('says why RE2 cannot run a pattern', () => {
    const cases: [string, RegExp][] = [
      ['(a)\\1', /backreferences/],
      ['(?<n>a)\\k<n>', /backreferences/],
      ['(?=a)a', /lookahead and lookbehind/],
      ['(?!a)b', /lookahead and lookbehind/],
      ['(?<=a)b', /lookahead and lookbehind/],
      ['(?<!a)b', /lookahead and lookbehind/],
      ['(?>a+)b', /atomic groups/],
      ['a++', /possessive repeats/],
      ['caf\\u00e9', /write \\x\{00e9\}/],
      ['(unclosed', /invalid regular expression \(RE2 syntax\): missing closing \)/],
      ['a{1001}', /invalid repeat count/],
    ];
    for (const [pattern, reason] of cases) expect(regexProblem(pattern), pattern).toMatch(reason);
    expect(regexProblem('\\d{3}-\\d{4}')).toBeNull();
  });

  it('refuses patterns too long or whose repeats expand too far, before compiling them', () => {
    expect(regexProblem('a'.repeat(1001))).toMatch(/pattern too long: 1001 characters \(the limit is 1000\)/);
    // x{1000} is 1,000 instructions; six of them are 6,000 > 5,000.
    const started = performance.now();
    expect(regexProblem('x{1000}'.repeat(6))).toMatch(/repeats expand to about 6000 RE2 instructions \(the limit is 5000\)/);
    // A group repeated: (ab){100} is 2 × 100 = 200, then {30} → about 6,000.
    expect(regexProblem('((ab){100}){30}')).toMatch(/pattern too large/);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(regexProblem('x{1000}'.repeat(4))).toBeNull();
  });

  it('refuses to read a text too long for one match', () => {
    // \d+ compiles to 4 instructions: (4 + 10) per character, 2,000,000 / 14 = 142,857 characters.
    const digits = compileSafeRegex('\\d+');
    expect(digits.programSize).toBe(4);
    expect(digits.test(`${'x'.repeat(142_856)}1`)).toBe(true);
    expect(() => digits.test('x'.repeat(142_858))).toThrow(/text too long for this pattern: 142858 characters \(this pattern reads at most 142857\)/);
    expect(MAX_MATCH_WORK).toBe(2_000_000);
  });
});
