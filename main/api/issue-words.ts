import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/**
 * zod's own English messages ("Invalid input: expected int, received number", "Too big:
 * expected number to be <=100", "Invalid key in record") start like this. A message a schema
 * sets itself (`.regex(re, 'expected DTMF keys …')`) does not, and is kept as written.
 */
const ZOD_DEFAULT = /^(Invalid |Too (big|small): |Unrecognized key)/;

/** What a value of zod's `expected` / `received` type is called for a user. */
const NOUNS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object (names and values)',
  record: 'an object (names and values)',
  map: 'an object (names and values)',
  array: 'a list',
  tuple: 'a list',
  set: 'a list',
  null: 'null',
  nan: 'not a number',
  date: 'a date',
  literal: 'a fixed value',
  function: 'a function',
};

const FORMATS: Record<string, string> = {
  url: 'a URL such as http://127.0.0.1:4010',
  datetime: 'a date and time such as 2026-11-24T10:00:00Z',
  date: 'a date such as 2026-11-24',
  time: 'a time such as 10:00:00',
  duration: 'a duration such as PT5S',
  email: 'an email address',
  base64: 'base64 text',
  base64url: 'base64url text',
  uuid: 'a UUID',
  guid: 'a GUID',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  json_string: 'JSON text',
};

function noun(type: string): string {
  return NOUNS[type] ?? type;
}

function plural(n: number | bigint, one: string, many: string): string {
  return `${n} ${Number(n) === 1 ? one : many}`;
}

/** The size a too_small / too_big issue is about, in words: "100", "2 characters", "1 item". */
function amount(origin: string, limit: number | bigint): string {
  if (origin === 'string') return plural(limit, 'character', 'characters');
  if (origin === 'array' || origin === 'set') return plural(limit, 'item', 'items');
  if (origin === 'file') return plural(limit, 'byte', 'bytes');
  return String(limit);
}

/** zod's `received` word from its own message (zod ≥ 4 keeps no input in the issue). */
function received(message: string): string | null {
  return /received (\S+)$/.exec(message)?.[1] ?? null;
}

function typeWords(issue: Extract<Issue, { code: 'invalid_type' }>): string {
  const got = received(issue.message);
  if (got === 'undefined') return `missing field (expected ${issue.expected})`;
  if (got === 'NaN') return 'expected a number';
  if (got === 'Infinity' || got === '-Infinity') return 'expected a finite number';
  if (issue.expected === 'int') return got === 'number' ? 'expected a whole number' : `expected a whole number, got ${noun(got ?? 'something else')}`;
  const want = noun(issue.expected);
  return got === null ? `expected ${want}` : `expected ${want}, got ${noun(got)}`;
}

function sizeWords(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
  const size = amount(issue.origin, limit);
  if (issue.code === 'too_small') {
    if (issue.origin === 'string' && Number(limit) === 1) return 'must not be empty';
    if (issue.origin === 'array' && Number(limit) === 1) return 'expected at least one item';
    return issue.inclusive === false ? `expected more than ${size}` : `expected at least ${size}`;
  }
  return issue.inclusive === false ? `expected less than ${size}` : `expected at most ${size}`;
}

function formatWords(issue: Extract<Issue, { code: 'invalid_format' }>): string {
  if (issue.format === 'regex' && 'pattern' in issue && typeof issue.pattern === 'string') return `expected text matching ${issue.pattern}`;
  if (issue.format === 'starts_with' && 'prefix' in issue) return `expected text starting with '${String(issue.prefix)}'`;
  if (issue.format === 'ends_with' && 'suffix' in issue) return `expected text ending with '${String(issue.suffix)}'`;
  if (issue.format === 'includes' && 'includes' in issue) return `expected text containing '${String(issue.includes)}'`;
  return `expected ${FORMATS[issue.format] ?? `a valid ${issue.format}`}`;
}

function valueWords(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v)));
  return shown.length === 1 ? `expected ${shown[0]}` : `expected one of: ${shown.join(', ')}`;
}

/**
 * One issue in words a user reads: what was expected, never zod's internals. `inner` words
 * the issues nested in a record key or a map/set element.
 */
export function issueWords(issue: Issue, inner: (issues: readonly Issue[]) => string): string {
  if (!ZOD_DEFAULT.test(issue.message) && issue.message !== '') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return typeWords(issue);
    case 'too_small':
    case 'too_big':
      return sizeWords(issue);
    case 'invalid_format':
      return formatWords(issue);
    case 'not_multiple_of':
      return `expected a multiple of ${String(issue.divisor)}`;
    case 'invalid_value':
      return valueWords(issue.values);
    case 'invalid_key':
      return `invalid name${issue.issues.length > 0 ? `: ${inner(issue.issues)}` : ''}`;
    case 'invalid_element':
      return `invalid entry${issue.issues.length > 0 ? `: ${inner(issue.issues)}` : ''}`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options)) return valueWords(issue.options);
      return 'does not match any accepted form';
    case 'unrecognized_keys':
      return issue.keys.map((key) => `unknown field '${key}'`).join('; ');
    case 'custom':
      return 'is not valid here';
    default:
      return 'is not valid here';
  }
}
