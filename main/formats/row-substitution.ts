import type { JsonValue } from '../api/formats/common';
import { lookupIn, parseTemplate, TemplateError, valueToText } from '../expr/template';

type Path = (string | number)[];

/** A `{{name}}` a row cannot fill, or a placeholder that is not one. */
export interface SubstitutionIssue {
  path: Path;
  message: string;
}

/**
 * Fills a data-driven scenario's `{{name}}` placeholders (SPEC §7.4) in a value as written
 * (before any schema check): in strings and object keys, at any depth. A string that is
 * exactly one placeholder takes the row value itself, keeping its type (`"{{n}}"` with n: 5
 * gives 5); inside text the value is written as text (objects as JSON). `{{name.path}}`
 * reads inside an object value. A placeholder the row does not define is an issue at the
 * path of the string that holds it.
 */
export function substituteRow(value: unknown, row: Readonly<Record<string, JsonValue>>, path: Path, issues: SubstitutionIssue[]): unknown {
  const lookup = lookupIn(row);
  const defined = Object.keys(row);
  const fill = (text: string, at: Path, keepType: boolean): unknown => {
    if (!text.includes('{{')) return text;
    let template;
    try {
      template = parseTemplate(text);
    } catch (error) {
      issues.push({ path: at, message: error instanceof TemplateError ? error.message : String(error) });
      return text;
    }
    const missing = (name: string): void => {
      issues.push({ path: at, message: `{{${name}}} is not defined in this row (${defined.length === 0 ? 'it defines nothing' : `it defines: ${defined.join(', ')}`})` });
    };
    if (keepType && template.single) {
      const found = lookup(template.single.path);
      if (found === undefined) missing(template.single.name);
      return found ?? text;
    }
    let out = '';
    for (const part of template.parts) {
      if (part.kind === 'text') out += part.text;
      else {
        const found = lookup(part.path);
        if (found === undefined) missing(part.name);
        else out += valueToText(found);
      }
    }
    return out;
  };
  const walk = (v: unknown, at: Path): unknown => {
    if (typeof v === 'string') return fill(v, at, true);
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...at, i]));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(v)) {
        const name = fill(key, [...at, key], false) as string;
        if (Object.hasOwn(out, name)) issues.push({ path: [...at, key], message: `the row makes key '${name}' twice` });
        out[name] = walk(inner, [...at, key]);
      }
      return out;
    }
    return v;
  };
  return walk(value, path);
}

/** A short label of a row's values for names and messages: `order=12345, lat=4800`. */
export function rowLabel(row: Readonly<Record<string, JsonValue>>, max = 60): string {
  const text = Object.entries(row)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
