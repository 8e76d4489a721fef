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
/**
 * Sent by the real transport with the engine's id of the request (`r3`): with the session
 * it names one exchange, so a recording finds the journal entry of each of its requests.
 */
export const REQUEST_ID_HEADER = 'x-flowbench-request-id';
/**
 * A real-clock run at `timeScale` 0.25 asks the mock server to apply a quarter of each
 * latency, so the whole conversation runs four times faster and keeps its order of events.
 */
export const TIME_SCALE_HEADER = 'x-flowbench-time-scale';

/** The time scale a request asks for: a number in (0, 100], else 1. */
export function timeScaleOf(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 && n <= 100 ? n : 1;
}

/** Splits a URL (absolute or path) into path and query. */
export function splitUrl(url: string): { path: string; query: Record<string, string> } {
  const parsed = new URL(url, 'http://flowbench.invalid');
  const query: Record<string, string> = {};
  for (const [key, value] of parsed.searchParams) query[key] = value;
  return { path: parsed.pathname, query };
}
