import type { JsonValue } from '../api/formats/common';

/** `{{ name }}` or `{{ name.path }}`; segments may hold letters, digits, `_` and `-`. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const PATH = /^[A-Za-z_$][\w$-]*(\.[\w$-]+)*$/;

export type TemplatePart = { kind: 'text'; text: string } | { kind: 'value'; path: readonly string[]; name: string };

export interface ParsedTemplate {
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  /** Set when the whole template is one placeholder: it keeps the value's type in JSON. */
  readonly single: { path: readonly string[]; name: string } | null;
}

export class TemplateError extends Error {}

const cache = new Map<string, ParsedTemplate>();

export function parseTemplate(source: string): ParsedTemplate {
  const cached = cache.get(source);
  if (cached) return cached;
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of source.matchAll(PLACEHOLDER)) {
    const inner = match[1] ?? '';
    if (!PATH.test(inner)) {
      throw new TemplateError(`invalid placeholder '${match[0]}': expected {{name}} or {{name.path}}`);
    }
    if (match.index > last) parts.push({ kind: 'text', text: source.slice(last, match.index) });
    parts.push({ kind: 'value', path: inner.split('.'), name: inner });
    last = match.index + match[0].length;
  }
  if (last < source.length) parts.push({ kind: 'text', text: source.slice(last) });
  const rest = source.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) {
    throw new TemplateError(`unbalanced braces in '${source}': placeholders are {{name}}`);
  }
  const only = parts.length === 1 && parts[0]?.kind === 'value' ? parts[0] : null;
  const parsed: ParsedTemplate = { source, parts, single: only ? { path: only.path, name: only.name } : null };
  cache.set(source, parsed);
  return parsed;
}

/** The placeholder names a template uses (`order.id` → `order.id`). */
export function templateNames(source: string): string[] {
  return parseTemplate(source).parts.flatMap((p) => (p.kind === 'value' ? [p.name] : []));
}

export type Lookup = (path: readonly string[]) => JsonValue | undefined;

/**
 * Looks a dotted path up in a record of values, through own properties only: `{{constructor}}`
 * or `{{body.__proto__}}` is a missing value (empty text and a warning), never a prototype member.
 */
export function lookupIn(values: Readonly<Record<string, JsonValue | undefined>>): Lookup {
  return (path) => {
    const first = path[0] ?? '';
    let current: JsonValue | undefined = Object.hasOwn(values, first) ? values[first] : undefined;
    for (let i = 1; i < path.length && current !== undefined; i++) {
      const key = path[i] ?? '';
      if (Array.isArray(current)) current = /^\d+$/.test(key) ? current[Number(key)] : undefined;
      else if (current !== null && typeof current === 'object') current = Object.hasOwn(current, key) ? current[key] : undefined;
      else current = undefined;
    }
    return current;
  };
}

export interface Rendered<T> {
  value: T;
  /** Placeholders whose value was missing (rendered as empty text). */
  missing: string[];
}

export function valueToText(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function renderTemplate(source: string, lookup: Lookup, encode: (text: string) => string = (t) => t): Rendered<string> {
  const template = parseTemplate(source);
  const missing: string[] = [];
  let out = '';
  for (const part of template.parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const value = lookup(part.path);
    if (value === undefined) missing.push(part.name);
    else out += encode(valueToText(value));
  }
  return { value: out, missing };
}

/**
 * Renders every string inside a JSON value. A string that is exactly one placeholder keeps
 * the value's own type (a number stays a number).
 */
export function renderJson(value: JsonValue, lookup: Lookup): Rendered<JsonValue> {
  const missing: string[] = [];
  const walk = (v: JsonValue): JsonValue => {
    if (typeof v === 'string') {
      if (!v.includes('{{')) return v;
      const single = parseTemplate(v).single;
      if (single) {
        const found = lookup(single.path);
        if (found === undefined) {
          missing.push(single.name);
          return null;
        }
        return found;
      }
      const rendered = renderTemplate(v, lookup);
      missing.push(...rendered.missing);
      return rendered.value;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, JsonValue> = {};
      for (const [k, inner] of Object.entries(v)) out[k] = walk(inner);
      return out;
    }
    return v;
  };
  return { value: walk(value), missing };
}

/** Every placeholder name inside a JSON value. */
export function jsonTemplateNames(value: JsonValue): string[] {
  if (typeof value === 'string') return value.includes('{{') ? templateNames(value) : [];
  if (Array.isArray(value)) return value.flatMap(jsonTemplateNames);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(jsonTemplateNames);
  return [];
}

/**
 * Whether a value holds text a template would read (`{{`, `}}`): served through templates it
 * would change or be refused. Recorded bodies that do are marked `template: false`.
 */
export function hasTemplateSyntax(value: JsonValue): boolean {
  if (typeof value === 'string') return value.includes('{{') || value.includes('}}');
  if (Array.isArray(value)) return value.some(hasTemplateSyntax);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([k, v]) => hasTemplateSyntax(k) || hasTemplateSyntax(v));
  return false;
}
