import type { JsonValue } from '../api/formats/common';
import { celAnd, celLiteral, celMatches, celMatchesIgnoringCase, celNot, celOr, celPath, celPresence, celString } from './cel-literals';
import type { DocumentFindings } from './conversion';
import { asRecord, asString } from './conversion';
import { regexError } from './mockoon-rules';
import { dottedPath } from './source-templates';

/** A value flowbench's CEL reads (`query['q']`) and the guard that it exists. */
export interface Subject {
  expr: string;
  guard: string;
}

type Term = { cel: string } | { error: string };

/** `^(?:re)$`: WireMock's `matches` is Java's whole-string match. */
function whole(pattern: string): string {
  return `^(?:${pattern})$`;
}

/**
 * One WireMock value matcher (equalTo, contains, matches, absent, and/or…) on a subject, as a
 * CEL term. As in WireMock, a missing value matches nothing but `absent: true`.
 */
export function valueMatcher(subject: Subject, raw: unknown): Term {
  const m = asRecord(raw);
  if (m === null) return { error: 'not a matcher object' };
  const keys = Object.keys(m).filter((k) => k !== 'caseInsensitive');
  if (keys.length !== 1) return { error: `expected one matcher, got ${keys.join(', ') || 'none'}` };
  const kind = keys[0] ?? '';
  const value = m[kind];
  const ignoreCase = m['caseInsensitive'] === true;
  const present = (term: string): Term => ({ cel: celAnd([subject.guard, term]) });
  switch (kind) {
    case 'equalTo': {
      const text = scalarText(value);
      if (text === null) return { error: 'equalTo needs a text value' };
      return present(ignoreCase ? `${subject.expr}.lowerAscii() == ${celString(text.toLowerCase())}` : `${subject.expr} == ${celString(text)}`);
    }
    case 'contains':
    case 'doesNotContain': {
      const text = scalarText(value);
      if (text === null) return { error: `${kind} needs a text value` };
      const term = `${subject.expr}.contains(${celString(text)})`;
      return present(kind === 'contains' ? term : celNot(term));
    }
    case 'matches':
    case 'doesNotMatch': {
      const pattern = scalarText(value);
      if (pattern === null) return { error: `${kind} needs a regex` };
      const invalid = regexError(pattern);
      if (invalid !== null) return { error: invalid };
      const term = ignoreCase ? celMatchesIgnoringCase(subject.expr, whole(pattern)) : celMatches(subject.expr, whole(pattern));
      return present(kind === 'matches' ? term : celNot(term));
    }
    case 'absent':
      if (subject.guard === '') return { error: 'absent on a value that is always there' };
      return { cel: value === true ? celNot(subject.guard) : subject.guard };
    case 'and':
    case 'or': {
      if (!Array.isArray(value)) return { error: `${kind} needs a list of matchers` };
      const terms: string[] = [];
      for (const inner of value) {
        const t = valueMatcher(subject, inner);
        if ('error' in t) return t;
        terms.push(t.cel);
      }
      return { cel: kind === 'and' ? celAnd(terms) : celOr(terms) };
    }
    case 'equalToXml':
    case 'matchesXPath':
      return { error: `${kind}: XML matchers are not converted` };
    default:
      return { error: `matcher '${kind}' is not converted` };
  }
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** `{ name: matcher }` of query parameters, headers or path parameters as CEL terms. */
export function namedMatchers(
  root: 'query' | 'headers' | 'params',
  matchers: unknown,
  at: readonly PropertyKey[],
  f: DocumentFindings,
): string[] | null {
  const record = asRecord(matchers);
  if (matchers !== undefined && record === null) {
    f.problem(at, 'expected an object of name: matcher');
    return null;
  }
  const terms: string[] = [];
  for (const [name, matcher] of Object.entries(record ?? {})) {
    const key = root === 'headers' ? name.toLowerCase() : name;
    const term = valueMatcher({ expr: celPath(root, [key]), guard: `${celString(key)} in ${root}` }, matcher);
    if ('error' in term) {
      f.problem([...at, name], `${term.error}: this stub is left out (it would match more than it should)`);
      return null;
    }
    terms.push(term.cel);
  }
  return terms;
}

/**
 * bodyPatterns (all must hold): equalToJson, matchesJsonPath (plain paths), equalTo /
 * contains / matches on a text body, absent. XML, binary and JSON path filters are not
 * converted. Null when a pattern cannot be converted (the stub is left out).
 */
export function bodyPatterns(patterns: unknown, at: readonly PropertyKey[], f: DocumentFindings): string[] | null {
  if (patterns === undefined) return [];
  if (!Array.isArray(patterns)) {
    f.problem(at, 'expected bodyPatterns to be a list');
    return null;
  }
  const terms: string[] = [];
  for (const [i, raw] of patterns.entries()) {
    const where = [...at, i];
    const p = asRecord(raw);
    const term = p === null ? { error: 'not a matcher object' } : bodyPattern(p, where, f);
    if ('error' in term) {
      f.problem(where, `${term.error}: this stub is left out (it would match more than it should)`);
      return null;
    }
    terms.push(term.cel);
  }
  return terms;
}

function bodyPattern(p: Record<string, unknown>, where: PropertyKey[], f: DocumentFindings): Term {
  if ('equalToJson' in p) {
    const expected = typeof p['equalToJson'] === 'string' ? parseJson(p['equalToJson']) : (p['equalToJson'] as JsonValue | undefined);
    if (expected === undefined) return { error: 'equalToJson holds no valid JSON' };
    if (typeof p['equalToJson'] === 'string' && /\$\{json-unit\./.test(p['equalToJson'])) return { error: 'JsonUnit placeholders are not converted' };
    if (p['ignoreArrayOrder'] === true) f.note(where, 'ignoreArrayOrder: arrays are compared in order');
    if (p['ignoreExtraElements'] === true) return { cel: celAnd(jsonSubset(expected, [])) };
    return { cel: `body == ${celLiteral(expected)}` };
  }
  if ('matchesJsonPath' in p) {
    const jp = p['matchesJsonPath'];
    const expression = typeof jp === 'string' ? jp : asString(asRecord(jp)?.['expression']);
    if (expression === undefined) return { error: 'matchesJsonPath needs an expression' };
    const path = dottedPath(expression);
    if (path === null || path === '') return { error: `JSON path '${expression}' (only plain paths like $.a.b[0] are converted)` };
    const keys = path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    const guard = celPresence('body', keys);
    if (typeof jp === 'string') return { cel: guard };
    const matcher = { ...asRecord(jp) };
    delete matcher['expression'];
    return valueMatcher({ expr: `string(${celPath('body', keys)})`, guard }, matcher);
  }
  if ('absent' in p) return { cel: p['absent'] === true ? 'body == null' : 'body != null' };
  if ('equalTo' in p || 'contains' in p || 'doesNotContain' in p || 'matches' in p || 'doesNotMatch' in p) {
    f.note(where, 'a text matcher on the body reads a text body; a JSON body does not match it');
    return valueMatcher({ expr: 'body', guard: 'type(body) == string' }, p);
  }
  const kind = Object.keys(p)[0] ?? '(none)';
  if (kind === 'equalToXml' || kind === 'matchesXPath') return { error: `${kind}: XML matchers are not converted` };
  return { error: `body matcher '${kind}' is not converted` };
}

/** One term per expected leaf: objects may hold more keys (ignoreExtraElements). */
function jsonSubset(expected: JsonValue, keys: (string | number)[]): string[] {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    const entries = Object.entries(expected);
    if (entries.length === 0) return [keys.length === 0 ? 'type(body) == map' : `${celPresence('body', keys)} && type(${celPath('body', keys)}) == map`];
    return entries.flatMap(([k, v]) => jsonSubset(v, [...keys, k]));
  }
  const guard = keys.length === 0 ? 'body != null' : celPresence('body', keys);
  return [celAnd([guard, `${celPath('body', keys)} == ${celLiteral(expected)}`])];
}

function parseJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}
