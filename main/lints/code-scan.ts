/**
 * A light static scan of flow JavaScript for the lints (not a parser): comments, string
 * literals and regular-expression literals are masked so the patterns below only see code.
 *
 * Limits, by design (the lints are warnings; a scan that is sometimes silent is better than
 * one that is sometimes wrong):
 * - only string literals written directly after `return` count as returned port names
 *   (`return 'vip'`); a computed name (`return tier`, `return x ? 'a' : 'b'`) is not checked;
 * - only `context.name` and `context['name']` count as context reads and writes; writes
 *   through an alias (`const c = context; c.x = 1`), a computed key (`context[k]`) or
 *   `Object.assign(context, …)` make the scan give up on writes (`dynamicWrites`);
 * - a `/` is taken for a regular expression after `(,=:[!&|?{};+-*%<>~^` or a keyword like
 *   `return`, else for a division (the usual heuristic).
 */
export interface CodeScan {
  /** String literals returned as they are, with their line in the code (1-based). */
  returnedLiterals: { value: string; line: number }[];
  /** Context names the code assigns (`context.x = …`, `context['x'] += …`). */
  writes: Set<string>;
  /** Context names the code reads. */
  reads: { name: string; line: number }[];
  /** The code may write contexts the scan cannot name. */
  dynamicWrites: boolean;
}

interface Literal {
  start: number;
  end: number;
  value: string | null;
}

const REGEX_BEFORE = new Set('(,=:[!&|?{};+-*%<>~^'.split(''));
const REGEX_AFTER_WORD = /(?:^|[^\w$])(?:return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/;
const CONTINUES = new Set('+-*/%?.[(,&|=<>!:`'.split(''));
const ASSIGN = String.raw`\s*(?:\*\*|<<|>>>?|&&|\|\||\?\?|[-+*/%&|^])?=(?!=)`;
const NAME = String.raw`[A-Za-z_$][\w$]*`;

export function scanCode(code: string): CodeScan {
  const { masked, literals } = mask(code);
  const byStart = new Map(literals.map((l) => [l.start, l]));
  const lineAt = (index: number): number => {
    let line = 1;
    for (let i = 0; i < index; i++) if (code.charCodeAt(i) === 10) line++;
    return line;
  };

  const returnedLiterals: CodeScan['returnedLiterals'] = [];
  for (const match of masked.matchAll(/(?<![\w$.])return[ \t]*(?=['"`])/g)) {
    const literal = byStart.get(match.index + match[0].length);
    if (!literal || literal.value === null) continue;
    if (continuesAfter(masked, literal.end)) continue;
    returnedLiterals.push({ value: literal.value, line: lineAt(literal.start) });
  }

  const writes = new Set<string>();
  const reads: CodeScan['reads'] = [];
  const access = new RegExp(String.raw`(?<![\w$.])context\s*(?:\.\s*(${NAME})|\[\s*(?=['"\x60]))`, 'g');
  for (const match of masked.matchAll(access)) {
    let name = match[1];
    let after = match.index + match[0].length;
    if (name === undefined) {
      const literal = byStart.get(after);
      if (!literal || literal.value === null) continue;
      const close = /^\s*\]/.exec(masked.slice(literal.end));
      if (!close) continue;
      name = literal.value;
      after = literal.end + close[0].length;
    }
    const rest = masked.slice(after, after + 8);
    if (new RegExp(`^${ASSIGN}`).test(rest)) writes.add(name);
    else if (!/^\s*\(/.test(rest)) reads.push({ name, line: lineAt(match.index) });
  }
  const dynamicWrites =
    /(?<![\w$.])context\s*\[\s*(?!['"`])/.test(masked) || /\b(?:assign|defineProperty|defineProperties)\s*\(\s*context\b/.test(masked);
  return { returnedLiterals, writes, reads, dynamicWrites };
}

/** After a literal: does the expression go on (`'a' + b`, `'a'\n  .trim()`)? */
function continuesAfter(masked: string, from: number): boolean {
  let i = from;
  while (i < masked.length && (masked[i] === ' ' || masked[i] === '\t')) i++;
  if (i >= masked.length || masked[i] === ';' || masked[i] === '}') return false;
  if (masked[i] !== '\n' && masked[i] !== '\r') return true;
  while (i < masked.length && /\s/.test(masked[i] as string)) i++;
  return i < masked.length && CONTINUES.has(masked[i] as string);
}

/** The code with comments blanked and literal contents blanked (newlines kept), and the string literals. */
function mask(code: string): { masked: string; literals: Literal[] } {
  const out = code.split('');
  const literals: Literal[] = [];
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  while (i < code.length) {
    const c = code[i] as string;
    const next = code[i + 1];
    if (c === '/' && next === '/') {
      const end = code.indexOf('\n', i);
      const stop = end === -1 ? code.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = code.indexOf('*/', i + 2);
      const stop = end === -1 ? code.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      const end = stringEnd(code, i);
      const text = code.slice(i, end);
      literals.push({ start: i, end, value: literalValue(text) });
      blank(i + 1, end - 1);
      i = end;
    } else if (c === '/' && regexCanStart(out, i)) {
      const end = regexEnd(code, i);
      blank(i + 1, end);
      i = end;
    } else {
      i++;
    }
  }
  return { masked: out.join(''), literals };
}

function stringEnd(code: string, start: number): number {
  const quote = code[start];
  let depth = 0;
  for (let i = start + 1; i < code.length; i++) {
    const c = code[i];
    if (c === '\\') i++;
    else if (quote === '`' && c === '$' && code[i + 1] === '{') {
      depth++;
      i++;
    } else if (quote === '`' && c === '}' && depth > 0) depth--;
    else if (c === quote && depth === 0) return i + 1;
    else if (c === '\n' && quote !== '`') return i;
  }
  return code.length;
}

/** The value of a string literal without substitutions; null when it has one or a JS-only escape (`\x41`). */
function literalValue(text: string): string | null {
  if (text.length < 2 || text[0] !== text[text.length - 1]) return null;
  const body = text.slice(1, -1);
  if (text[0] === '`') return body.includes('${') || body.includes('\\') ? null : body;
  let json = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '\\') {
      const escaped = body[++i] ?? '';
      json += escaped === "'" ? "'" : `\\${escaped}`;
    } else json += c === '"' ? '\\"' : c;
  }
  try {
    const value: unknown = JSON.parse(`"${json}"`);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

function regexCanStart(out: readonly string[], at: number): boolean {
  let k = at - 1;
  while (k >= 0 && /\s/.test(out[k] as string)) k--;
  if (k < 0) return true;
  if (REGEX_BEFORE.has(out[k] as string)) return true;
  return REGEX_AFTER_WORD.test(out.slice(Math.max(0, k - 10), k + 1).join(''));
}

function regexEnd(code: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < code.length; i++) {
    const c = code[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) {
      let end = i + 1;
      while (end < code.length && /[a-z]/i.test(code[end] as string)) end++;
      return end;
    } else if (c === '\n') return i;
  }
  return code.length;
}
