import { RE2JS } from 're2js';

/**
 * Regular expressions from flows, mocks and scenarios run on RE2 (re2js): time linear in
 * the text, whatever the pattern, so `^(a+)+$` cannot hang a run. RE2 syntax is that of
 * Go and CEL's `matches()`; what it cannot express (backreferences, lookaround, atomic
 * groups, possessive repeats) is an invalid pattern with a clear reason.
 *
 * RE2 runs in time (text length × program size): patterns are held to MAX_PATTERN_LENGTH
 * characters and MAX_PROGRAM_SIZE instructions, and one match to MAX_MATCH_WORK units of
 * text length × (program size + 10), about 0.1 s: a 10-instruction pattern reads up to
 * 100,000 characters.
 */
export const MAX_PATTERN_LENGTH = 1_000;
export const MAX_PROGRAM_SIZE = 5_000;
export const MAX_MATCH_WORK = 2_000_000;
/** The cost of reading one character, on top of one unit per instruction. */
const PER_CHARACTER = 10;

/** The work of matching a text of `length` characters with a program of `programSize`. */
export function matchWork(length: number, programSize: number): number {
  return length * (programSize + PER_CHARACTER);
}

export class RegexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegexError';
  }
}

export interface SafeRegex {
  readonly source: string;
  /** RE2 instructions: the cost of one step of the text. */
  readonly programSize: number;
  /** The first match and its groups (undefined for a group that took no part), or null. */
  exec(text: string): (string | undefined)[] | null;
  test(text: string): boolean;
}

const UNSUPPORTED: readonly [RegExp, string][] = [
  [/\(\?<?[=!]/, 'lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported'],
  [/\(\?>/, 'atomic groups ((?>…)) are not supported'],
  [/\\[1-9]|\\k</, 'backreferences (\\1, \\k<name>) are not supported'],
  [/[*+?}][+]/, 'possessive repeats (a*+, a++) are not supported'],
  [/\\u[0-9a-fA-F]{4}|\\u\{/, 'JavaScript \\u escapes are not RE2 syntax; write \\x{00e9}'],
];

const cache = new Map<string, SafeRegex>();
const CACHE_LIMIT = 1_000;

/** Compiles a pattern (cached); throws RegexError saying why RE2 cannot run it. */
export function compileSafeRegex(pattern: string): SafeRegex {
  const known = cache.get(pattern);
  if (known) return known;
  const problem = sizeProblem(pattern);
  if (problem !== null) throw new RegexError(problem);
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    const reason = UNSUPPORTED.find(([test]) => test.test(pattern))?.[1];
    throw new RegexError(
      reason ? `RE2 cannot run this pattern: ${reason} (patterns use RE2 syntax and run in linear time)` : `invalid regular expression (RE2 syntax): ${detail}`,
    );
  }
  const programSize = re.programSize();
  if (programSize > MAX_PROGRAM_SIZE) throw new RegexError(`pattern too large: ${programSize} RE2 instructions (the limit is ${MAX_PROGRAM_SIZE})`);
  const safe: SafeRegex = {
    source: pattern,
    programSize,
    exec(text) {
      checkWork(programSize, text);
      const match = re.exec(text);
      return match === null ? null : match.map((group: unknown) => (typeof group === 'string' ? group : undefined));
    },
    test(text) {
      checkWork(programSize, text);
      return re.test(text);
    },
  };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, safe);
  return safe;
}

/** Why a pattern cannot be used, or null when it can. */
export function regexProblem(pattern: string): string | null {
  try {
    compileSafeRegex(pattern);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function checkWork(programSize: number, text: string): void {
  if (matchWork(text.length, programSize) > MAX_MATCH_WORK) {
    const most = Math.floor(MAX_MATCH_WORK / (programSize + PER_CHARACTER));
    throw new RegexError(`text too long for this pattern: ${text.length} characters (this pattern reads at most ${most})`);
  }
}

/**
 * Refuses, before compiling, a pattern that is too long or whose repeat counts expand past
 * the program limit (compiling `x{1000}x{1000}…` alone takes seconds). The estimate counts
 * one instruction per atom and multiplies a group or atom by its largest repeat count.
 */
function sizeProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `pattern too long: ${pattern.length} characters (the limit is ${MAX_PATTERN_LENGTH})`;
  const sizes: number[] = [0];
  let last = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      if (pattern[i + 1] === '{' && /[xpP]/.test(pattern[i] ?? '')) i = Math.max(i, pattern.indexOf('}', i));
      last = 1;
    } else if (c === '[') {
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      last = 1;
    } else if (c === '(') {
      sizes.push(0);
      last = 0;
      continue;
    } else if (c === ')') {
      last = sizes.length > 1 ? (sizes.pop() as number) + 1 : 1;
    } else if (c === '{') {
      const repeat = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(i));
      if (repeat) {
        const times = Math.max(Number(repeat[1]), Number(repeat[2] || 0));
        sizes[sizes.length - 1] = (sizes[sizes.length - 1] as number) + last * (times - 1);
        i += repeat[0].length - 1;
        last = 0;
        continue;
      }
      last = 1;
    } else if (c === '*' || c === '+' || c === '?' || c === '|') {
      last = 0;
      sizes[sizes.length - 1] = (sizes[sizes.length - 1] as number) + 1;
      continue;
    } else {
      last = 1;
    }
    sizes[sizes.length - 1] = (sizes[sizes.length - 1] as number) + last;
  }
  const estimate = sizes.reduce((a, b) => a + b, 0);
  return estimate > MAX_PROGRAM_SIZE ? `pattern too large: its repeats expand to about ${estimate} RE2 instructions (the limit is ${MAX_PROGRAM_SIZE})` : null;
}
