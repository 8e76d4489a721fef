import { RE2JS } from 're2js';
import type { JsonValue } from '../api/formats/common';
import { celAnd, celLiteral, celMatches, celMatchesIgnoringCase, celNot, celOr, celPath, celPresence, celString } from './cel-literals';
import type { DocumentFindings } from './conversion';
import { asRecord, asString } from './conversion';
import { dottedPath } from './source-templates';

/**
 * A Mockoon response's rules as one CEL `when` (SPEC §7.3), following Mockoon's rules
 * interpreter: `equals` compares as text, `regex` searches, `null` holds for a missing or
 * empty value, `invert` negates, `rulesOperator` joins with AND or OR. A rule that cannot be
 * written in CEL is listed and left out. Null when no rule could be converted.
 */
export function rulesToWhen(rules: readonly unknown[], operator: unknown, at: readonly PropertyKey[], f: DocumentFindings): string | null {
  const terms: string[] = [];
  rules.forEach((raw, i) => {
    const where = [...at, 'rules', i];
    const rule = asRecord(raw);
    if (rule === null) {
      f.problem(where, 'not a rule object: left out');
      return;
    }
    const result = ruleToCel(rule);
    if ('error' in result) {
      f.problem(where, `rule not converted (${result.error}): left out of the response's rules`);
      return;
    }
    terms.push(rule['invert'] === true ? celNot(result.cel) : result.cel);
  });
  if (terms.length === 0) return null;
  return operator === 'AND' ? celAnd(terms) : celOr(terms);
}

type Converted = { cel: string } | { error: string };

interface Subject {
  /** Expression of the value. */
  expr: string;
  /** True when the value exists (empty: always). */
  guard: string;
  /** Strings already (params, query, headers, path, method); else JSON values compared as text. */
  text: boolean;
}

function ruleToCel(rule: Record<string, unknown>): Converted {
  const target = asString(rule['target']) ?? '';
  const op = asString(rule['operator']) ?? 'equals';
  const modifier = asString(rule['modifier']) ?? '';
  const value = rule['value'] === null || rule['value'] === undefined ? '' : String(rule['value']);
  if (/\{\{/.test(modifier) || /\{\{/.test(value)) return { error: 'templated rule' };
  if (target === 'cookie') return cookieRule(modifier, op, value);
  if (target === 'body' && modifier === '' && op === 'equals') {
    // Mockoon compares the raw text; flowbench sees a JSON body parsed: compare it as JSON.
    const json = parseJson(value);
    if (json !== undefined && typeof json === 'object' && json !== null) return { cel: `body == ${celLiteral(json)}` };
  }
  const subject = subjectOf(target, modifier, op);
  if ('error' in subject) return subject;
  return operatorOn(subject, op, value, target === 'method');
}

function subjectOf(target: string, modifier: string, op: string): Subject | { error: string } {
  switch (target) {
    case 'params':
    case 'query':
    case 'header': {
      if (modifier === '') return { error: `a ${target} rule needs a name` };
      const root = target === 'header' ? 'headers' : target;
      const name = target === 'header' ? modifier.toLowerCase() : modifier;
      if (target === 'query' && /[.[\]]/.test(name)) return { error: 'nested query parameters are not read by flowbench' };
      return { expr: celPath(root, [name]), guard: `${celString(name)} in ${root}`, text: true };
    }
    case 'body': {
      if (modifier === '') {
        if (op === 'equals' || op === 'regex' || op === 'regex_i') return { expr: 'body', guard: "type(body) == string", text: true };
        return { expr: 'body', guard: 'body != null', text: false };
      }
      const path = dottedPath(modifier);
      if (path === null || path === '') return { error: `body path '${modifier}' (only plain paths like a.b.0 or $.a.b[0])` };
      const keys = path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
      return { expr: celPath('body', keys), guard: celPresence('body', keys), text: false };
    }
    case 'path':
      return { expr: 'path', guard: '', text: true };
    case 'method':
      return { expr: 'method', guard: '', text: true };
    case 'request_number':
      return { error: 'request_number: flowbench rules do not see the request number (use pick: sequence or nth faults)' };
    case 'global_var':
    case 'data_bucket':
      return { error: `${target}: Mockoon's global variables and data buckets have no flowbench counterpart` };
    case 'templating':
      return { error: 'templating rules' };
    default:
      return { error: `unknown target '${target}'` };
  }
}

function operatorOn(s: Subject, op: string, value: string, isMethod: boolean): Converted {
  const guarded = (term: string): string => celAnd([s.guard, term]);
  const asText = s.text ? s.expr : `string(${s.expr})`;
  switch (op) {
    case 'equals': {
      const expected = celString(isMethod ? value.toUpperCase() : value);
      if (s.text) return { cel: guarded(`${s.expr} == ${expected}`) };
      return { cel: guarded(`(type(${s.expr}) == list ? ${s.expr}.exists(x, string(x) == ${expected}) : ${asText} == ${expected})`) };
    }
    case 'regex':
    case 'regex_i': {
      const invalid = regexError(value);
      if (invalid !== null) return { error: invalid };
      const pattern = isMethod ? value.toUpperCase() : value;
      const test = (subject: string): string => (op === 'regex_i' ? celMatchesIgnoringCase(subject, pattern) : celMatches(subject, pattern));
      if (s.text) return { cel: guarded(test(s.expr)) };
      return { cel: guarded(`(type(${s.expr}) == list ? ${s.expr}.exists(x, ${test('string(x)')}) : ${test(asText)})`) };
    }
    case 'null':
      if (s.guard === '') return { cel: `${s.expr} == ''` };
      return { cel: celOr([celNot(s.guard), `${s.expr} == null`, s.text ? `${s.expr} == ''` : `(type(${s.expr}) == string && ${s.expr} == '')`]) };
    case 'empty_array':
      return { cel: guarded(`type(${s.expr}) == list && size(${s.expr}) == 0`) };
    case 'array_includes':
      return { cel: guarded(`type(${s.expr}) == list && ${s.expr}.exists(x, string(x) == ${celString(value)})`) };
    case 'valid_json_schema':
      return { error: 'valid_json_schema (JSON schema validation of requests)' };
    default:
      return { error: `unknown operator '${op}'` };
  }
}

/** Cookies are read from the `cookie` header: `equals` and `null` only. */
function cookieRule(name: string, op: string, value: string): Converted {
  if (name === '') return { error: 'a cookie rule needs a name' };
  const quoted = RE2JS.quote(name);
  if (op === 'equals') return { cel: celAnd(["'cookie' in headers", celMatches("headers['cookie']", `(^|;\\s*)${quoted}=${RE2JS.quote(value)}(;|$)`)]) };
  if (op === 'null') return { cel: celOr(["!('cookie' in headers)", celNot(celMatches("headers['cookie']", `(^|;\\s*)${quoted}=[^;]`))]) };
  return { error: `cookie rules with '${op}'` };
}

/** Patterns are checked with RE2 (linear time): backreferences and look-arounds are not converted. */
export function regexError(pattern: string): string | null {
  try {
    RE2JS.compile(pattern);
    return null;
  } catch (error) {
    return `regex /${pattern}/ is not RE2 syntax: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function parseJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}
