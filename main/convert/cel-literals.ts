import type { JsonValue } from '../api/formats/common';

/** A CEL string literal: single-quoted, with `\`, `'` and control characters escaped. */
export function celString(text: string): string {
  let out = "'";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

/** A JSON value written as a CEL literal (`{'a': [1, 'x']}`). */
export function celLiteral(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return celString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(celLiteral).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${celString(k)}: ${celLiteral(v)}`)
    .join(', ')}}`;
}

/** `root['a']['b']`: a field path CEL reads whatever the names hold. */
export function celPath(root: string, keys: readonly (string | number)[]): string {
  return keys.reduce<string>((expr, key) => `${expr}[${typeof key === 'number' ? String(key) : celString(key)}]`, root);
}

/**
 * A guard that every step of a path exists with the right kind (`type(body) == map && 'a' in
 * body && …`), so a missing field (or a text body) is false instead of an evaluation error.
 * `params`, `query`, `headers` and `state` are always maps; `body` may be anything.
 */
export function celPresence(root: string, keys: readonly (string | number)[]): string {
  const steps: string[] = [];
  keys.forEach((key, i) => {
    const parent = celPath(root, keys.slice(0, i));
    const knownMap = i === 0 && root !== 'body';
    if (typeof key === 'number') steps.push(`type(${parent}) == list && size(${parent}) > ${key}`);
    else steps.push(knownMap ? `${celString(key)} in ${parent}` : `type(${parent}) == map && ${celString(key)} in ${parent}`);
  });
  return steps.join(' && ');
}

/** `a && b`, parenthesised where needed; true for no terms. */
export function celAnd(terms: readonly string[]): string {
  const real = terms.filter((t) => t !== '' && t !== 'true');
  if (real.length === 0) return 'true';
  if (real.length === 1) return real[0] ?? 'true';
  return real.map((t) => (needsParens(t) ? `(${t})` : t)).join(' && ');
}

export function celOr(terms: readonly string[]): string {
  if (terms.length === 0) return 'false';
  if (terms.length === 1) return terms[0] ?? 'false';
  return terms.map((t) => (needsParens(t) ? `(${t})` : t)).join(' || ');
}

export function celNot(term: string): string {
  return `!(${term})`;
}

/** A regex as a CEL `matches` argument (RE2 syntax, like WireMock's Java and Mockoon's JS regexes mostly are). */
export function celMatches(subject: string, pattern: string): string {
  return `${subject}.matches(${celString(pattern)})`;
}

/**
 * A case-insensitive `matches` (JavaScript's RegExp under CEL has no `(?i)`): the subject is
 * lower-cased and so are the pattern's literal letters (escapes like `\D` keep their case).
 */
export function celMatchesIgnoringCase(subject: string, pattern: string): string {
  let lowered = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? '';
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      lowered += ch + next;
      i++;
      if ((next === 'p' || next === 'P' || next === 'x') && pattern[i + 1] === '{') {
        const end = pattern.indexOf('}', i);
        if (end > i) {
          lowered += pattern.slice(i + 1, end + 1);
          i = end;
        }
      }
      continue;
    }
    lowered += ch.toLowerCase();
  }
  return `${subject}.lowerAscii().matches(${celString(lowered)})`;
}

function needsParens(term: string): boolean {
  return /\|\||&&|\?/.test(term) && !(term.startsWith('(') && term.endsWith(')'));
}
