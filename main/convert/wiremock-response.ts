import { posix } from 'node:path';
import type { JsonValue } from '../api/formats/common';
import type { DocumentFindings, FaultInput, LatencyInput, ResponseInput } from './conversion';
import { asNumber, asRecord, asString } from './conversion';
import { bodyFromText, contentTypeOf } from './response-body';
import type { SourceSet } from './source-files';
import { convertTemplates } from './source-templates';

/** z of the 99th percentile as SPEC §7.3 writes it: p99 = median·e^(2.326·sigma). */
const Z_P99 = 2.326;

export interface StubResponse {
  response: ResponseInput;
  latency?: LatencyInput;
  fault?: FaultInput;
}

const FAULTS: Record<string, 'empty' | 'reset' | 'malformed'> = {
  EMPTY_RESPONSE: 'empty',
  CONNECTION_RESET_BY_PEER: 'reset',
  MALFORMED_RESPONSE_CHUNK: 'malformed',
  RANDOM_DATA_THEN_CLOSE: 'malformed',
};

/**
 * A WireMock response definition (SPEC §7.3): status, headers, jsonBody / body / base64Body /
 * bodyFileName (read from `__files/`), fixedDelayMilliseconds → fixed, delayDistribution
 * lognormal / uniform → the same model, fault → the fault kind, chunkedDribbleDelay →
 * slow_body. Null when the stub cannot be served (a proxy).
 */
export async function stubResponse(raw: unknown, at: PropertyKey[], rel: string, sources: SourceSet, f: DocumentFindings): Promise<StubResponse | null> {
  const r = asRecord(raw) ?? {};
  if (asString(r['proxyBaseUrl']) !== undefined) {
    f.problem([...at, 'proxyBaseUrl'], `proxying to ${asString(r['proxyBaseUrl']) ?? ''} is not converted: stub left out`);
    return null;
  }
  const status = asNumber(r['status']) ?? 200;
  const headers = stubHeaders(r['headers'], [...at, 'headers'], f);
  let body: JsonValue | undefined;
  const extraHeaders: Record<string, string> = {};
  if (r['jsonBody'] !== undefined) {
    body = convertJsonStrings(r['jsonBody'] as JsonValue, [...at, 'jsonBody'], f);
  } else {
    const text = await bodyText(r, at, rel, sources, f);
    if (text !== null) {
      const converted = bodyFromText(text.text, contentTypeOf(headers), 'wiremock');
      for (const d of converted.dropped) f.problem([...at, text.key], `template ${d} is not converted: left out of the body`);
      if (converted.note !== undefined) f.note([...at, text.key], converted.note);
      body = converted.body;
      Object.assign(extraHeaders, converted.headers);
    }
  }
  for (const key of ['transformers', 'transformerParameters']) {
    if (r[key] !== undefined && !(key === 'transformers' && isOnlyTemplating(r[key]))) f.problem([...at, key], 'response transformers are not converted');
  }
  const allHeaders = { ...headers, ...extraHeaders };
  const response: ResponseInput = { status, ...(Object.keys(allHeaders).length > 0 ? { headers: allHeaders } : {}), ...(body !== undefined ? { body } : {}) };
  const latency = delay(r, at, f);
  const fault = faultOf(r, at, f);
  return { response, ...(latency !== undefined ? { latency } : {}), ...(fault !== undefined ? { fault } : {}) };
}

function isOnlyTemplating(value: unknown): boolean {
  return Array.isArray(value) && value.every((t) => t === 'response-template');
}

function stubHeaders(raw: unknown, at: PropertyKey[], f: DocumentFindings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(asRecord(raw) ?? {})) {
    const text = Array.isArray(value) ? value.map(String).join(', ') : typeof value === 'string' ? value : String(value);
    const converted = convertTemplates(text, 'wiremock');
    for (const d of converted.dropped) f.problem([...at, name], `template ${d} is not converted: left out of the header`);
    out[name.toLowerCase()] = converted.text;
  }
  return out;
}

async function bodyText(r: Record<string, unknown>, at: PropertyKey[], rel: string, sources: SourceSet, f: DocumentFindings): Promise<{ text: string; key: string } | null> {
  const text = asString(r['body']);
  if (text !== undefined) return { text, key: 'body' };
  const base64 = asString(r['base64Body']);
  if (base64 !== undefined) {
    const decoded = Buffer.from(base64, 'base64').toString('utf8');
    if (decoded.includes('\uFFFD') || decoded.includes('\u0000')) {
      f.problem([...at, 'base64Body'], 'a binary body is not converted: the response has no body');
      return null;
    }
    return { text: decoded, key: 'base64Body' };
  }
  const fileName = asString(r['bodyFileName']);
  if (fileName === undefined) return null;
  if (/\{\{/.test(fileName)) {
    f.problem([...at, 'bodyFileName'], `templated body file name ${fileName} is not converted: the response has no body`);
    return null;
  }
  const candidates = [posix.join('__files', fileName), posix.join(posix.dirname(rel), '..', '__files', fileName), posix.join(posix.dirname(rel), '__files', fileName)];
  let why = '';
  for (const candidate of new Set(candidates)) {
    const read = await sources.read(candidate);
    if (!('error' in read)) return { text: read.text, key: 'bodyFileName' };
    why ||= read.error;
  }
  f.problem([...at, 'bodyFileName'], `body file ${fileName} not found in __files/ (${why}): the response has no body`);
  return null;
}

/** Template placeholders inside a jsonBody's strings. */
function convertJsonStrings(value: JsonValue, at: PropertyKey[], f: DocumentFindings): JsonValue {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return value;
    const converted = convertTemplates(value, 'wiremock');
    for (const d of converted.dropped) f.problem(at, `template ${d} is not converted: left out`);
    return converted.text;
  }
  if (Array.isArray(value)) return value.map((v, i) => convertJsonStrings(v, [...at, i], f));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = convertJsonStrings(v, [...at, k], f);
    return out;
  }
  return value;
}

function delay(r: Record<string, unknown>, at: PropertyKey[], f: DocumentFindings): LatencyInput | undefined {
  const fixed = Math.max(0, Math.round(asNumber(r['fixedDelayMilliseconds']) ?? 0));
  const dist = asRecord(r['delayDistribution']);
  if (dist === null) return fixed > 0 ? { fixed } : undefined;
  const type = asString(dist['type']);
  if (fixed > 0) f.note([...at, 'fixedDelayMilliseconds'], 'WireMock adds the fixed delay to the random one: it is added to the distribution');
  if (type === 'lognormal') {
    const median = asNumber(dist['median']);
    const sigma = asNumber(dist['sigma']);
    if (median === undefined || median <= 0 || sigma === undefined || sigma < 0) {
      f.problem([...at, 'delayDistribution'], 'lognormal needs median > 0 and sigma ≥ 0: delay left out');
      return fixed > 0 ? { fixed } : undefined;
    }
    if (dist['maxValue'] !== undefined) f.note([...at, 'delayDistribution', 'maxValue'], 'the lognormal cap (maxValue) is not kept');
    return { lognormal: { medianMs: median + fixed, p99Ms: Math.round(median * Math.exp(Z_P99 * sigma)) + fixed } };
  }
  if (type === 'uniform') {
    const lower = asNumber(dist['lower']);
    const upper = asNumber(dist['upper']);
    if (lower === undefined || upper === undefined || lower < 0 || upper < lower) {
      f.problem([...at, 'delayDistribution'], 'uniform needs 0 ≤ lower ≤ upper: delay left out');
      return fixed > 0 ? { fixed } : undefined;
    }
    return { uniform: [Math.round(lower) + fixed, Math.round(upper) + fixed] };
  }
  f.problem([...at, 'delayDistribution'], `delay distribution '${type ?? '?'}' is not converted (lognormal and uniform are)`);
  return fixed > 0 ? { fixed } : undefined;
}

function faultOf(r: Record<string, unknown>, at: PropertyKey[], f: DocumentFindings): FaultInput | undefined {
  const name = asString(r['fault']);
  if (name !== undefined) {
    const kind = FAULTS[name];
    if (kind === undefined) {
      f.problem([...at, 'fault'], `fault ${name} is not converted (EMPTY_RESPONSE, CONNECTION_RESET_BY_PEER, MALFORMED_RESPONSE_CHUNK, RANDOM_DATA_THEN_CLOSE are)`);
      return undefined;
    }
    return { kind, rate: 1 };
  }
  const dribble = asRecord(r['chunkedDribbleDelay']);
  if (dribble !== null) {
    const total = asNumber(dribble['totalDuration']);
    if (total === undefined || total < 0) {
      f.problem([...at, 'chunkedDribbleDelay'], 'chunkedDribbleDelay needs totalDuration: left out');
      return undefined;
    }
    return { kind: 'slow_body', ms: Math.round(total), rate: 1 };
  }
  return undefined;
}
