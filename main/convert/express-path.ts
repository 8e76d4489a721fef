import { stringify, TokenData } from 'path-to-regexp';
import type { Token } from 'path-to-regexp';
import { pathSyntaxError } from '../../mocks/core/compile-mocks';

/** A piece of a path: literal text, a `:param` (one segment), a `*wildcard` (the rest) or an optional group. */
export type PathPart = { text: string } | { param: string } | { wildcard: string } | { optional: PathPart[] };

/** A parameter name flowbench templates and CEL can read (`params.order_id`). */
export function paramName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[A-Za-z_$]/.test(cleaned) ? cleaned : `p_${cleaned}`;
}

/** The parts as an Express-style (path-to-regexp 8) path, literal text escaped; throws on an invalid result. */
export function expressPath(parts: readonly PathPart[]): string {
  const path = stringify(new TokenData(toTokens(parts)));
  const normal = path.startsWith('/') ? path : `/${path}`;
  const error = pathSyntaxError(normal);
  if (error !== null) throw new Error(`cannot write '${normal}' as a route path: ${error}`);
  return normal;
}

function toTokens(parts: readonly PathPart[]): Token[] {
  const tokens: Token[] = [];
  for (const part of parts) {
    if ('optional' in part) {
      tokens.push({ type: 'group', tokens: toTokens(part.optional) });
      continue;
    }
    if ('text' in part) {
      if (part.text === '') continue;
      const last = tokens[tokens.length - 1];
      if (last?.type === 'text') tokens[tokens.length - 1] = { type: 'text', value: last.value + part.text };
      else tokens.push({ type: 'text', value: part.text });
    } else if ('param' in part) tokens.push({ type: 'param', name: paramName(part.param) });
    else tokens.push({ type: 'wildcard', name: paramName(part.wildcard) });
  }
  return tokens;
}

/**
 * An Express 4 route path (Mockoon's): `:id`, `:id?` (optional segment), `*` (anything).
 * Throws on what path-to-regexp 8 cannot say: regex groups `:id(\\d+)`, `+`, `?` elsewhere.
 */
export function express4Parts(path: string): PathPart[] {
  const parts: PathPart[] = [];
  let text = '';
  let wildcards = 0;
  for (let i = 0; i < path.length; i++) {
    const ch = path[i] ?? '';
    if (ch === ':') {
      const name = /^[A-Za-z0-9_]+/.exec(path.slice(i + 1))?.[0];
      if (name === undefined) throw new Error(`':' without a parameter name at ${i}`);
      i += name.length;
      const next = path[i + 1];
      if (next === '(') throw new Error(`the parameter :${name} has a regex, which flowbench paths do not take`);
      if (next === '*' || next === '+') throw new Error(`repeated parameter :${name}${next}`);
      if (next === '?') {
        i++;
        const slash = text.endsWith('/');
        parts.push({ text: slash ? text.slice(0, -1) : text }, { optional: [...(slash ? [{ text: '/' }] : []), { param: name }] });
      } else parts.push({ text }, { param: name });
      text = '';
    } else if (ch === '*') {
      parts.push({ text }, { wildcard: wildcards === 0 ? 'rest' : `rest${wildcards + 1}` });
      wildcards++;
      text = '';
    } else if ('()+?'.includes(ch)) {
      throw new Error(`'${ch}' at ${i}: regex patterns in paths are not converted`);
    } else text += ch;
  }
  parts.push({ text });
  return parts;
}

/** `/orders/{id}` (OpenAPI, WireMock urlPathTemplate) as parts; null when braces do not pair. */
export function templateParts(template: string): PathPart[] | null {
  const parts: PathPart[] = [];
  let rest = template;
  while (rest !== '') {
    const open = rest.indexOf('{');
    if (open < 0) {
      if (rest.includes('}')) return null;
      parts.push({ text: rest });
      break;
    }
    const close = rest.indexOf('}', open);
    if (close < 0 || rest.slice(0, open).includes('}')) return null;
    const name = rest.slice(open + 1, close).trim();
    if (name === '') return null;
    parts.push({ text: rest.slice(0, open) }, { param: name });
    rest = rest.slice(close + 1);
  }
  return parts;
}

/** A literal path (WireMock `url`/`urlPath`, HAR): text only, every special character escaped. */
export function literalPath(path: string): string {
  return expressPath([{ text: path.startsWith('/') ? path : `/${path}` }]);
}

/** `/a/` + `/b` → `/a/b`; an empty prefix adds nothing. */
export function joinPaths(prefix: string, path: string): string {
  const p = prefix.replace(/\/+$/, '');
  const rest = path.startsWith('/') ? path : `/${path}`;
  if (p === '') return rest;
  return `${p.startsWith('/') ? p : `/${p}`}${rest}`;
}

/** The path with parameter names erased: two routes with the same shape match the same requests. */
export function pathShape(path: string): string {
  return path.replace(/:("[^"]*"|[$_\p{ID_Start}][$\u200c\u200d\p{ID_Continue}]*)/gu, ':').replace(/\*("[^"]*"|[$_\p{ID_Start}][$\u200c\u200d\p{ID_Continue}]*)/gu, '*').toLowerCase();
}
