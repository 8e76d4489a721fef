import type { JsonValue } from '../api/formats/common';
import type { RequestExpectation, RequestFieldDiff, SentRequest } from '../api/formats/request-expectation';
import type { CheckResult } from '../api/formats/results';
import type { TraceEvent } from '../api/formats/trace';
import { textMatcher } from '../expr/text-matcher';

/** The requests a run sent, in order, as the trace recorded them (rendered, as on the wire). */
export function sentRequests(trace: readonly TraceEvent[]): SentRequest[] {
  const perEndpoint = new Map<string, number>();
  const out: SentRequest[] = [];
  for (const event of trace) {
    if (event.type !== 'request') continue;
    const n = (perEndpoint.get(event.endpoint) ?? 0) + 1;
    perEndpoint.set(event.endpoint, n);
    out.push({
      id: event.id,
      endpoint: event.endpoint,
      t: event.t,
      n,
      method: event.method,
      url: event.url,
      headers: event.headers ?? {},
      ...(event.body !== undefined ? { body: event.body } : {}),
    });
  }
  return out;
}

/** Evaluates one `requests:` check (SPEC §7.3) against a run's trace. */
export function checkRequests(expected: RequestExpectation, trace: readonly TraceEvent[]): CheckResult {
  const all = sentRequests(trace);
  const sent = all.filter((r) => r.endpoint === expected.endpoint);
  const filtered = hasFieldExpectations(expected);
  const compared = sent.map((request) => ({ request, diff: compareRequest(expected, request) }));
  const matching = compared.filter((c) => c.diff.every((d) => d.ok));
  const name = checkName(expected);
  const detail = (closest: SentRequest | null, diff: RequestFieldDiff[]): CheckResult['detail'] => ({
    kind: 'requests',
    endpoint: expected.endpoint,
    sent: sent.length,
    matched: matching.length,
    closest,
    diff,
  });

  if (expected.nth !== undefined) {
    const nth = compared[expected.nth - 1];
    if (nth === undefined) {
      const closest = closestOf(compared) ?? closestElsewhere(expected, all);
      const lead = `${sent.length} request(s) sent to ${expected.endpoint}, no #${expected.nth}`;
      return failure(name, lead, closest, detail);
    }
    const ok = nth.diff.every((d) => d.ok);
    if (ok) return { check: name, ok, message: `request #${expected.nth} to ${expected.endpoint} matches`, detail: detail(nth.request, nth.diff) };
    return failure(name, `request #${expected.nth} to ${expected.endpoint} does not match`, nth, detail);
  }

  if (expected.count !== undefined) {
    const count = filtered ? matching.length : sent.length;
    const ok = count === expected.count;
    if (!filtered) return { check: name, ok, message: `${sent.length} request(s) sent to ${expected.endpoint}, expected ${expected.count}` };
    const lead = `${matching.length} of ${sent.length} request(s) sent to ${expected.endpoint} match, expected ${expected.count}`;
    if (ok) return { check: name, ok, message: lead, detail: detail(matching[0]?.request ?? null, matching[0]?.diff ?? []) };
    // Too few: the closest one that does not match shows why; too many: the first extra one.
    const closest = count < expected.count ? (closestOf(compared.filter((c) => !c.diff.every((d) => d.ok))) ?? closestElsewhere(expected, all)) : (matching[expected.count] ?? null);
    return failure(name, lead, closest, detail);
  }

  if (matching.length > 0) {
    const lead = filtered ? `${matching.length} of ${sent.length} request(s) sent to ${expected.endpoint} match` : `${sent.length} request(s) sent to ${expected.endpoint}`;
    return { check: name, ok: true, message: lead, detail: detail(matching[0]?.request ?? null, matching[0]?.diff ?? []) };
  }
  const lead = filtered ? `none of the ${sent.length} request(s) sent to ${expected.endpoint} match` : `no request sent to ${expected.endpoint}`;
  return failure(name, lead, closestOf(compared) ?? closestElsewhere(expected, all), detail);
}

interface Compared {
  request: SentRequest;
  diff: RequestFieldDiff[];
}

function failure(
  name: string,
  lead: string,
  closest: Compared | null,
  detail: (closest: SentRequest | null, diff: RequestFieldDiff[]) => CheckResult['detail'],
): CheckResult {
  if (closest === null) return { check: name, ok: false, message: lead, detail: detail(null, []) };
  const r = closest.request;
  const lines = [
    lead,
    `closest request: ${r.endpoint} #${r.n} ${r.method} ${r.url} at ${r.t} ms`,
    ...closest.diff.map((d) => (d.ok ? `  ✓ ${d.field}: ${d.actual}` : `  ✗ ${d.field}: expected ${d.expected}, got ${d.actual}`)),
  ];
  return { check: name, ok: false, message: lines.join('\n'), detail: detail(r, closest.diff) };
}

/** Fewest mismatched fields; the earliest on a tie. */
function closestOf(compared: readonly Compared[]): Compared | null {
  let best: Compared | null = null;
  let bestMisses = Infinity;
  for (const c of compared) {
    const misses = c.diff.filter((d) => !d.ok).length;
    if (misses < bestMisses) {
      best = c;
      bestMisses = misses;
    }
  }
  return best;
}

/** Nothing was sent to the endpoint: the closest request sent anywhere else, with the endpoint as a differing field. */
function closestElsewhere(expected: RequestExpectation, all: readonly SentRequest[]): Compared | null {
  const others = all.filter((r) => r.endpoint !== expected.endpoint);
  const best = closestOf(others.map((request) => ({ request, diff: compareRequest(expected, request) })));
  if (best === null) return null;
  const endpointRow: RequestFieldDiff = { field: 'endpoint', expected: expected.endpoint, actual: best.request.endpoint, ok: false };
  return { request: best.request, diff: [endpointRow, ...best.diff] };
}

function hasFieldExpectations(e: RequestExpectation): boolean {
  return e.method !== undefined || e.url !== undefined || e.headers !== undefined || e.body !== undefined;
}

/** One row per expected field (each body leaf on its own), in the order written. */
export function compareRequest(expected: RequestExpectation, request: SentRequest): RequestFieldDiff[] {
  const rows: RequestFieldDiff[] = [];
  if (expected.method !== undefined) {
    rows.push({ field: 'method', expected: expected.method, actual: request.method, ok: request.method === expected.method });
  }
  if (expected.url !== undefined) {
    rows.push({ field: 'url', expected: expected.url, actual: request.url, ok: textMatcher(expected.url).test(request.url) });
  }
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    const actual = request.headers[name.toLowerCase()];
    rows.push({
      field: `headers.${name.toLowerCase()}`,
      expected: value,
      actual: actual ?? ABSENT,
      ok: actual !== undefined && textMatcher(value).test(actual),
    });
  }
  if (expected.body !== undefined) rows.push(...subsetDiff(expected.body, request.body, 'body'));
  return rows;
}

const ABSENT = '(absent)';

/**
 * `expected` as a JSON subset of `actual`: objects may hold more keys, arrays match item by
 * item (same length), anything else is equal. One row per expected leaf.
 */
export function subsetDiff(expected: JsonValue, actual: JsonValue | undefined, path: string): RequestFieldDiff[] {
  if (isObject(expected)) {
    if (!isObject(actual)) return [row(path, expected, actual, false)];
    const keys = Object.keys(expected);
    if (keys.length === 0) return [row(path, expected, actual, true)];
    return keys.flatMap((key) => subsetDiff(expected[key] as JsonValue, Object.hasOwn(actual, key) ? actual[key] : undefined, `${path}.${key}`));
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [row(path, expected, actual, false)];
    if (expected.length === 0) return [row(path, expected, actual, true)];
    return expected.flatMap((item, i) => subsetDiff(item, actual[i], `${path}[${i}]`));
  }
  return [row(path, expected, actual, actual !== undefined && expected === actual)];
}

function row(field: string, expected: JsonValue, actual: JsonValue | undefined, ok: boolean): RequestFieldDiff {
  return { field, expected: JSON.stringify(expected), actual: actual === undefined ? ABSENT : JSON.stringify(actual), ok };
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

/** `requests: order_status × 1`, `requests: order_status #2 where method, headers.x-sig, body`. */
function checkName(e: RequestExpectation): string {
  const fields = [
    ...(e.method !== undefined ? [`method ${e.method}`] : []),
    ...(e.url !== undefined ? [`url ${e.url}`] : []),
    ...Object.keys(e.headers ?? {}).map((h) => `headers.${h.toLowerCase()}`),
    ...(e.body !== undefined ? ['body'] : []),
  ];
  return [
    `requests: ${e.endpoint}`,
    ...(e.count !== undefined ? [`× ${e.count}`] : []),
    ...(e.nth !== undefined ? [`#${e.nth}`] : []),
    ...(fields.length > 0 ? [`where ${fields.join(', ')}`] : []),
  ].join(' ');
}
