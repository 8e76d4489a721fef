import type { JsonValue } from '../../main/api/formats/common';

/** A request as the decision core sees it (from Express or from the virtual transport). */
export interface MockRequest {
  method: string;
  /** Path without the query string, not decoded. */
  path: string;
  query: Record<string, string>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: JsonValue | undefined;
}

export const SESSION_HEADER = 'x-flowbench-session';
export const MODULE_HEADER = 'x-flowbench-module';

/** Splits a URL (absolute or path) into path and query. */
export function splitUrl(url: string): { path: string; query: Record<string, string> } {
  const parsed = new URL(url, 'http://flowbench.invalid');
  const query: Record<string, string> = {};
  for (const [key, value] of parsed.searchParams) query[key] = value;
  return { path: parsed.pathname, query };
}
