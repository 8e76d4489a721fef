import type { IncomingHttpHeaders } from 'node:http';
import type { JsonValue } from '../../main/api/formats/common';
import { splitUrl } from '../core';
import type { MockRequest } from '../core';

/** Header values as the decision core reads them: one string per lower-case name. */
export function headerRecord(headers: IncomingHttpHeaders): Record<string, string> {
  if (allStrings(headers)) return headers;
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (typeof value === 'string') out[name] = value;
    else if (Array.isArray(value)) out[name] = value.join(', ');
  }
  return out;
}

/** Path (not decoded) and query of a request target; the same split as the virtual transport's. */
export function splitTarget(url: string): { path: string; query: Record<string, string> } {
  // Dot segments (rare) take the full URL parser, so they normalise as the virtual transport's do.
  if (!url.startsWith('/') || url.includes('/.')) return splitUrl(url);
  const q = url.indexOf('?');
  if (q < 0) return { path: url, query: {} };
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(url.slice(q + 1))) query[key] = value;
  return { path: url.slice(0, q), query };
}

export function toMockRequest(
  method: string,
  target: { path: string; query: Record<string, string> },
  headers: Record<string, string>,
  body: JsonValue | undefined,
): MockRequest {
  return { method, path: target.path, query: target.query, headers, body };
}

/** Usually true (Node joins repeated headers; only set-cookie stays a list): no copy needed. */
function allStrings(headers: IncomingHttpHeaders): headers is IncomingHttpHeaders & Record<string, string> {
  for (const name in headers) if (typeof headers[name] !== 'string') return false;
  return true;
}
