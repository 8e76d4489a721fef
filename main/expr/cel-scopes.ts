import { Environment } from '@marcbachmann/cel-js';
import { CEL_PARSE_LIMITS } from './cel';

/**
 * What a CEL expression may read where it is written (SPEC §2.1, §2.2), for the type check
 * at load time: an unknown variable or function, or an operator applied to the wrong types,
 * is an invalid file rather than a `cel_error` at run time. Contexts hold any JSON value,
 * so they are `dyn`: the check catches typos and calls that cannot exist, not the shape of
 * the JSON.
 */
export interface CelScope {
  /** Where the expression is, for messages: `a condition`, `an endpoint rule`, `a mock rule`. */
  readonly where: string;
  /** Variable name → CEL type (`dyn`, `string`, `int`, `map<string, string>`, …). */
  readonly variables: Readonly<Record<string, string>>;
  /** Said after the list of variables when one is unknown. */
  readonly hint?: string;
}

const CONTEXT_HINT = 'a context must be set somewhere in the flow';

/** A module's expressions (condition cases, `context` set): the contexts and the user's last message. */
export function moduleScope(contexts: Iterable<string>): CelScope {
  return { where: 'a module', variables: { ...dynVariables(contexts), message: 'string' }, hint: CONTEXT_HINT };
}

/** An endpoint's `success`, port `when` and `map`: the contexts and the response. */
export function endpointScope(contexts: Iterable<string>): CelScope {
  return { where: 'an endpoint rule', variables: { ...dynVariables(contexts), status: 'int', headers: 'map<string, string>', body: 'dyn' }, hint: CONTEXT_HINT };
}

/**
 * The variables of a mock response's `when` (the request as `decide` sees it). Exported
 * so that what mocks add (e.g. per-session `state`) is declared in one place.
 */
export const MOCK_WHEN_VARIABLES: Record<string, string> = {
  params: 'map<string, string>',
  query: 'map<string, string>',
  headers: 'map<string, string>',
  body: 'dyn',
  method: 'string',
  path: 'string',
  /** The session's mock state (SPEC §7.3): any JSON per name. */
  state: 'map<string, dyn>',
};

export function mockWhenScope(extra: Readonly<Record<string, string>> = {}): CelScope {
  return { where: 'a mock rule', variables: { ...MOCK_WHEN_VARIABLES, ...extra } };
}

function dynVariables(names: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) out[name] = 'dyn';
  return out;
}

/** A name CEL can write as an identifier (contexts may also hold `-`, which CEL cannot read). */
const CEL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const environments = new Map<string, Environment>();
const ENVIRONMENT_CACHE = 200;

function environmentFor(scope: CelScope): Environment {
  const entries = Object.entries(scope.variables)
    .filter(([name]) => CEL_IDENTIFIER.test(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = entries.map(([name, type]) => `${name}:${type}`).join(',');
  const known = environments.get(key);
  if (known) return known;
  const env = new Environment({ homogeneousAggregateLiterals: false, limits: CEL_PARSE_LIMITS });
  for (const [name, type] of entries) {
    try {
      env.registerVariable(name, type);
    } catch {
      // A reserved word or a built-in name (`cel`, `in`…) cannot be a variable; it stays unknown.
    }
  }
  if (environments.size >= ENVIRONMENT_CACHE) environments.clear();
  environments.set(key, env);
  return env;
}

/**
 * The type error of an expression in its scope, worded for a file issue, or null when it
 * checks. Syntax errors are reported by `celSyntaxError`; this runs on expressions that parse.
 */
export function celTypeError(source: string, scope: CelScope): string | null {
  const result = environmentFor(scope).check(source);
  if (result.valid) return null;
  const error = result.error;
  const summary = error ? error.summary || firstLine(error.message) : 'does not type-check';
  const column = error?.range ? ` (column ${error.range.start + 1})` : '';
  const unknown = /^Unknown variable: (.+)$/.exec(summary);
  if (unknown) {
    const names = Object.keys(scope.variables).filter((n) => CEL_IDENTIFIER.test(n)).sort();
    const listed = names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
    const hint = scope.hint !== undefined ? ` (${scope.hint})` : '';
    return `invalid CEL expression '${source}': unknown variable '${unknown[1]}'${column}; ${scope.where} can read: ${listed || 'nothing'}${hint}`;
  }
  return `invalid CEL expression '${source}': ${summary}${column}`;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
