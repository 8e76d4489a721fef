import { celAnd, celMatches, celString } from './cel-literals';
import type { DocumentFindings } from './conversion';
import { asRecord, asString } from './conversion';
import type { PathPart } from './express-path';
import { expressPath, templateParts } from './express-path';
import { regexError } from './mockoon-rules';
import { namedMatchers } from './wiremock-matchers';

export interface StubUrl {
  path: string;
  /** CEL terms the request must also meet (query of `url`, the regex of a pattern…). */
  conditions: string[];
}

const REGEX_META = /[.*+?()[\]{}|^$]/;

/**
 * WireMock's URL matching as a route path plus conditions: `url` (path and exact query),
 * `urlPath`, `urlPathTemplate` (+ pathParameters), `urlPathPattern` and `urlPattern` (regex:
 * literal segments stay, the others become parameters, and the whole regex is checked).
 * No URL at all matches every path. Null when it cannot be converted.
 */
export function stubUrl(request: Record<string, unknown>, at: readonly PropertyKey[], f: DocumentFindings): StubUrl | null {
  const fail = (key: string, message: string): null => {
    f.problem([...at, key], `${message}: stub left out`);
    return null;
  };
  try {
    const url = asString(request['url']);
    if (url !== undefined) {
      const parsed = new URL(url, 'http://flowbench.invalid');
      const conditions: string[] = [];
      const names = [...parsed.searchParams.keys()];
      for (const [name, value] of parsed.searchParams) conditions.push(`${celString(name)} in query && query[${celString(name)}] == ${celString(value)}`);
      if (url.includes('?')) conditions.push(`size(query) == ${new Set(names).size}`);
      return { path: expressPath([{ text: parsed.pathname }]), conditions };
    }
    const urlPath = asString(request['urlPath']);
    if (urlPath !== undefined) return { path: expressPath([{ text: urlPath }]), conditions: [] };
    const template = asString(request['urlPathTemplate']);
    if (template !== undefined) {
      const parts = templateParts(template);
      if (parts === null) return fail('urlPathTemplate', 'unbalanced { } in the template');
      const terms = namedMatchers('params', request['pathParameters'], [...at, 'pathParameters'], f);
      if (terms === null) return null;
      return { path: expressPath(parts), conditions: terms };
    }
    for (const key of ['urlPathPattern', 'urlPattern'] as const) {
      const pattern = asString(request[key]);
      if (pattern === undefined) continue;
      const invalid = regexError(pattern);
      if (invalid !== null) return fail(key, invalid);
      let pathPattern = pattern;
      if (key === 'urlPattern') {
        const q = pattern.search(/\\\?|\[\?\]/);
        if (q >= 0) {
          f.problem([...at, key], 'the query part of urlPattern is not converted (flowbench conditions see the path and the query parameters, not the query text)');
          pathPattern = pattern.slice(0, q);
        }
      }
      const parts = regexPathParts(pathPattern);
      if (parts === null) return fail(key, `regex ${pattern} cannot be written as a path`);
      return { path: expressPath(parts), conditions: [celMatches('path', `^(?:${stripAnchors(pathPattern)})$`)] };
    }
    if (asRecord(request)?.['url'] === undefined) f.note(at, 'no URL matcher: the stub matches every path');
    return { path: expressPath([{ optional: [{ text: '/' }, { wildcard: 'path' }] }]), conditions: [] };
  } catch (error) {
    f.problem(at, `URL not converted (${error instanceof Error ? error.message : String(error)}): stub left out`);
    return null;
  }
}

function stripAnchors(pattern: string): string {
  return pattern.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');
}

/**
 * A path regex as path parts: each `/`-separated piece at the top level is a literal segment
 * when it has no regex syntax, a parameter otherwise, and a trailing `.*` / `.+` the rest.
 * Null when a piece spans segments in a way a path cannot (a group holding `/`).
 */
export function regexPathParts(pattern: string): PathPart[] | null {
  const body = stripAnchors(pattern);
  const segments = splitTopLevel(body);
  if (segments === null) return null;
  const parts: PathPart[] = [];
  let n = 0;
  segments.forEach((segment, i) => {
    if (i > 0) parts.push({ text: '/' });
    if (segment === '') return;
    const literal = unescapeLiteral(segment);
    if (literal !== null) parts.push({ text: literal });
    else if (i === segments.length - 1 && /^\.[*+]$/.test(segment)) parts.push({ wildcard: 'rest' });
    else parts.push({ param: `p${++n}` });
  });
  if (parts.length === 0 || !('text' in (parts[0] ?? {}))) parts.unshift({ text: '/' });
  return parts;
}

/** Splits on `/` outside brackets and groups; null when a group or class holds one. */
function splitTopLevel(pattern: string): string[] | null {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? '';
    if (ch === '\\') {
      current += ch + (pattern[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      current += ch;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '/' && depth === 0) {
      out.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  out.push(current);
  // A piece that still holds `/` inside a class or group spans segments.
  return out.some((s) => /\[[^\]]*\/[^\]]*\]|\([^)]*\/[^)]*\)/.test(s.replace(/\\./g, ''))) ? null : out;
}

/** The text a regex piece matches when it is a literal (`orders`, `v1\\.2`), else null. */
function unescapeLiteral(segment: string): string | null {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] ?? '';
    if (ch === '\\') {
      const next = segment[i + 1] ?? '';
      if (/[A-Za-z0-9]/.test(next)) return null; // \d, \w…
      out += next;
      i++;
      continue;
    }
    if (REGEX_META.test(ch)) return null;
    out += ch;
  }
  return out;
}

/** `{conditions}` joined into one term. */
export function allOf(conditions: readonly string[]): string {
  return celAnd(conditions);
}
