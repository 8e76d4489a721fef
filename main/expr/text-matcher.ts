import { RE2JS } from 're2js';

/** Longest `/regex/` accepted in a check (RE2 runs in linear time; this bounds its program). */
export const MAX_PATTERN_CHARS = 2000;

const REGEX_FORM = /^\/([\s\S]+)\/([ims]*)$/;

export interface TextMatcher {
  readonly source: string;
  readonly isRegex: boolean;
  test(text: string): boolean;
}

export class TextMatcherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TextMatcherError';
  }
}

/**
 * `value` matches exactly; `/regex/flags` is searched in the text with RE2 (re2js: linear
 * time, no backtracking, never JavaScript's RegExp on a user's pattern). Flags: i, m, s.
 * Throws TextMatcherError on an invalid or too long regex.
 */
export function textMatcher(source: string): TextMatcher {
  const regex = REGEX_FORM.exec(source);
  if (regex === null) return { source, isRegex: false, test: (text) => text === source };
  const [, pattern = '', flags = ''] = regex;
  if (pattern.length > MAX_PATTERN_CHARS) throw new TextMatcherError(`regex longer than ${MAX_PATTERN_CHARS} characters`);
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern, bits);
  } catch (error) {
    throw new TextMatcherError(`invalid regex ${source}: ${error instanceof Error ? error.message : String(error)} (RE2 syntax)`);
  }
  return { source, isRegex: true, test: (text) => compiled.test(text) };
}

/** The error of a text expectation, or null when it is valid. */
export function textMatcherError(source: string): string | null {
  try {
    textMatcher(source);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
