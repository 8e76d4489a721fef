import type { JsonValue } from '../api/formats/common';

export type TemplateDialect = 'mockoon' | 'wiremock';

/** What a source's text became, and the template expressions that could not follow. */
export interface ConvertedText {
  text: string;
  /** The `{{…}}` expressions left out (Handlebars helpers, Faker, blocks…). */
  dropped: string[];
}

const EXPRESSION = /\{\{\{?\s*([\s\S]*?)\s*\}?\}\}/g;
const SEGMENT = /^[A-Za-z0-9_$-]+$/;

/**
 * Rewrites a source's Handlebars placeholders as flowbench's (`{{params.id}}`,
 * `{{query.q}}`, `{{headers.x-lang}}`, `{{body.order.id}}`, `{{method}}`, `{{path}}`);
 * anything else (helpers, Faker, blocks, random values) is dropped and listed.
 */
export function convertTemplates(text: string, dialect: TemplateDialect): ConvertedText {
  const dropped: string[] = [];
  const out = text.replace(EXPRESSION, (whole, inner: string) => {
    const converted = dialect === 'mockoon' ? mockoonPlaceholder(inner) : wiremockPlaceholder(inner);
    if (converted === null) {
      dropped.push(whole);
      return '';
    }
    return `{{${converted}}}`;
  });
  return { text: out, dropped };
}

/** True when the text holds a Handlebars expression. */
export function hasTemplates(text: string): boolean {
  return /\{\{[\s\S]*?\}\}/.test(text);
}

/**
 * A templated JSON body as a JSON value: placeholders outside strings become whole-string
 * placeholders (which keep the value's type), then the text is parsed. Null when it is not
 * JSON even so.
 */
export function templatedJson(text: string, dialect: TemplateDialect): { value: JsonValue; dropped: string[] } | null {
  const dropped: string[] = [];
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (inString) {
      if (ch === '\\') {
        out += ch + (text[i + 1] ?? '');
        i++;
        continue;
      }
      if (ch === '"') inString = false;
      if (ch === '{' && text[i + 1] === '{') {
        const stop = expressionEnd(text, i);
        if (stop < 0) return null;
        const converted = convertTemplates(text.slice(i, stop), dialect);
        dropped.push(...converted.dropped);
        out += converted.text.replace(/"/g, '\\"');
        i = stop - 1;
        continue;
      }
      out += ch;
      continue;
    }
    if (ch === '"') inString = true;
    if (ch === '{' && text[i + 1] === '{') {
      const stop = expressionEnd(text, i);
      if (stop < 0) return null;
      const converted = convertTemplates(text.slice(i, stop), dialect);
      dropped.push(...converted.dropped);
      out += converted.text === '' ? 'null' : JSON.stringify(converted.text);
      i = stop - 1;
      continue;
    }
    out += ch;
  }
  try {
    return { value: JSON.parse(out) as JsonValue, dropped };
  } catch {
    return null;
  }
}

/** Where the `{{…}}` (or triple-stash `{{{…}}}`) starting at `start` ends (exclusive), or -1. */
function expressionEnd(text: string, start: number): number {
  const triple = text.startsWith('{{{', start);
  const close = triple ? '}}}' : '}}';
  const end = text.indexOf(close, start);
  return end < 0 ? -1 : end + close.length;
}

function quoted(arg: string | undefined): string | null {
  if (arg === undefined) return null;
  const m = /^(['"])(.*)\1$/.exec(arg);
  return m ? (m[2] ?? null) : null;
}

/** `a.b.0` → `a.b.0` when every step is a plain name or index; `$.a.b[0]` (JSONPath) too. */
export function dottedPath(path: string): string | null {
  const trimmed = path.startsWith('$') ? path.slice(1).replace(/^\./, '') : path;
  const steps = trimmed.replace(/\[(\d+)\]/g, '.$1').replace(/\['([^'\]]+)'\]/g, '.$1').split('.').filter((s) => s !== '');
  return steps.length > 0 && steps.every((s) => SEGMENT.test(s)) ? steps.join('.') : trimmed === '' ? '' : null;
}

/** Mockoon helpers with a flowbench equivalent: urlParam, queryParam, header, body, bodyRaw, method. */
function mockoonPlaceholder(inner: string): string | null {
  const words = inner.match(/'[^']*'|"[^"]*"|\S+/g) ?? [];
  const [helper, arg, ...rest] = words;
  if (rest.length > 0) return null;
  if (helper === 'method' && arg === undefined) return 'method';
  const name = quoted(arg);
  if (name === null || name === '') return null;
  switch (helper) {
    case 'urlParam':
      return SEGMENT.test(name) ? `params.${name}` : null;
    case 'queryParam':
    case 'queryParamRaw': {
      const path = dottedPath(name);
      return path === null || path === '' ? null : `query.${path}`;
    }
    case 'header':
      return SEGMENT.test(name) ? `headers.${name.toLowerCase()}` : null;
    case 'body':
    case 'bodyRaw': {
      const path = dottedPath(name);
      return path === null ? null : path === '' ? 'body' : `body.${path}`;
    }
    default:
      return null;
  }
}

/** WireMock's request model: request.path.<name>, request.query.<q>, request.headers.<h>, request.method, jsonPath request.body '$.a'. */
function wiremockPlaceholder(inner: string): string | null {
  const json = /^jsonPath\s+request\.body\s+(['"])(.*)\1$/.exec(inner);
  if (json) {
    const path = dottedPath(json[2] ?? '');
    return path === null ? null : path === '' ? 'body' : `body.${path}`;
  }
  const m = /^request\.(\w+)(?:\.([A-Za-z0-9_$-]+))?$/.exec(inner);
  if (!m) return null;
  const [, part, name] = m;
  if (part === 'method' && name === undefined) return 'method';
  if (part === 'path' && name === undefined) return 'path';
  if (part === 'body' && name === undefined) return 'body';
  if (name === undefined) return null;
  if (part === 'path') return /^\d+$/.test(name) ? null : `params.${name}`;
  if (part === 'query') return `query.${name}`;
  if (part === 'headers') return `headers.${name.toLowerCase()}`;
  return null;
}
