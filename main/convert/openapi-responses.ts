import { sample } from 'openapi-sampler';
import type { JsonValue } from '../api/formats/common';
import { celString } from './cel-literals';
import type { DocumentFindings, ResponseInput } from './conversion';
import { asRecord, asString } from './conversion';

export interface OperationContext {
  swagger2: boolean;
  /** Swagger 2: the document's (or operation's) `produces`. */
  produces: readonly string[];
  /** The resolved document, for `$ref`s the sampler still meets (circular ones). */
  spec: Record<string, unknown>;
  findings: DocumentFindings;
  /** Where the operation is, e.g. `['paths', '/orders/{id}', 'get']`. */
  at: readonly PropertyKey[];
}

interface Documented {
  key: string;
  status: number;
  response: Record<string, unknown>;
}

/**
 * An operation's responses (SPEC §7.3): the first 2xx is the default answer; every other
 * documented status, and every other named example, is kept as an extra response chosen by
 * a `Prefer: code=404` / `Prefer: example=name` request header (as Prism does). Extra
 * responses come first, each with its `when`; the default answer closes the list.
 */
export function operationResponses(operation: Record<string, unknown>, ctx: OperationContext): ResponseInput[] {
  const declared = asRecord(operation['responses']);
  const documented: Documented[] = [];
  let fallback: Documented | null = null;
  for (const [key, raw] of Object.entries(declared ?? {})) {
    const response = asRecord(raw);
    if (response === null) {
      // null: a $ref that did not resolve, already listed.
      if (raw !== null) ctx.findings.problem([...ctx.at, 'responses', key], 'not a response object: left out');
      continue;
    }
    const status = statusOf(key);
    if (status === 'default') fallback = { key, status: 200, response };
    else if (status === null) ctx.findings.problem([...ctx.at, 'responses', key], `'${key}' is not an HTTP status: left out`);
    else documented.push({ key, status, response });
  }
  documented.sort((a, b) => a.status - b.status);
  let primary = documented.find((d) => d.status >= 200 && d.status < 300);
  if (primary === undefined) {
    primary = fallback ?? documented[0];
    if (primary === undefined) {
      ctx.findings.note([...ctx.at, 'responses'], 'no usable response documented: answers 200 with no body');
      return [{ status: 200 }];
    }
    ctx.findings.note([...ctx.at, 'responses', primary.key], `no 2xx response documented: answers ${primary.key === 'default' ? '200 (the default response)' : primary.status} by default`);
  } else if (fallback !== null) {
    ctx.findings.note([...ctx.at, 'responses', fallback.key], "the 'default' response has no status code: left out (a Prefer header cannot ask for it)");
  }

  const extras: ResponseInput[] = [];
  for (const d of documented) {
    if (d === primary) continue;
    const answers = responsesFor(d, ctx);
    const first = answers[0];
    if (first) extras.push({ when: preferWhen(`code=${d.status}`), ...first.response });
  }
  const own = responsesFor(primary, ctx);
  const [main, ...others] = own;
  for (const other of others) extras.push({ when: preferWhen(`example=${other.name ?? ''}`), ...other.response });
  return [...extras, ...(main ? [main.response] : [{ status: primary.status }])];
}

function preferWhen(preference: string): string {
  return `'prefer' in headers && headers['prefer'].contains(${celString(preference)})`;
}

/** `200`, `2XX` (as 200), `default`, or null. */
function statusOf(key: string): number | 'default' | null {
  if (key === 'default') return 'default';
  if (/^[1-5]\d\d$/.test(key)) return Number(key);
  if (/^[1-5]XX$/i.test(key)) return Number(key[0]) * 100;
  return null;
}

interface NamedResponse {
  name: string | null;
  response: ResponseInput;
}

/** One response per named example of the documented response (one when it has none). */
function responsesFor(d: Documented, ctx: OperationContext): NamedResponse[] {
  const at = [...ctx.at, 'responses', d.key];
  const headers = responseHeaders(d.response, ctx, at);
  const bodies = ctx.swagger2 ? swagger2Bodies(d.response, ctx, at) : openApi3Bodies(d.response, ctx, at);
  if (bodies.length === 0) return [{ name: null, response: { status: d.status, ...(Object.keys(headers).length > 0 ? { headers } : {}) } }];
  return bodies.map((b) => {
    const all = { ...(b.contentType !== undefined ? { 'content-type': b.contentType } : {}), ...headers };
    return {
      name: b.name,
      response: { status: d.status, ...(Object.keys(all).length > 0 ? { headers: all } : {}), ...(b.body !== undefined ? { body: b.body } : {}) },
    };
  });
}

interface SampledBody {
  name: string | null;
  /** Set when not plain `application/json` (which flowbench sends by default). */
  contentType?: string;
  body?: JsonValue;
}

const JSON_TYPE = /^application\/json\b|[/+]json\b/i;

function openApi3Bodies(response: Record<string, unknown>, ctx: OperationContext, at: PropertyKey[]): SampledBody[] {
  const content = asRecord(response['content']);
  if (content === null || Object.keys(content).length === 0) return [];
  const types = Object.keys(content);
  const type = types.find((t) => JSON_TYPE.test(t)) ?? types.find((t) => t.startsWith('text/')) ?? types[0] ?? '';
  const media = asRecord(content[type]) ?? {};
  const where = [...at, 'content', type];
  const contentType = /^application\/json\s*$/i.test(type) ? undefined : type;
  const xml = /xml/i.test(type);
  if (media['example'] !== undefined) return [{ name: null, ...typed(contentType), ...bodyOf(media['example'], ctx, [...where, 'example']) }];
  const examples = asRecord(media['examples']);
  if (examples !== null) {
    const named: SampledBody[] = [];
    for (const [name, raw] of Object.entries(examples)) {
      const example = asRecord(raw);
      if (example !== null && example['value'] !== undefined) named.push({ name, ...typed(contentType), ...bodyOf(example['value'], ctx, [...where, 'examples', name]) });
      else if (example !== null && typeof example['externalValue'] === 'string') ctx.findings.problem([...where, 'examples', name], `externalValue ${example['externalValue']} is not fetched: example left out`);
    }
    if (named.length > 0) return named;
  }
  const schema = asRecord(media['schema']);
  if (schema === null) return contentType === undefined ? [] : [{ name: null, contentType }];
  const sampled = sampleSchema(schema, ctx, [...where, 'schema'], xml);
  return [{ name: null, ...typed(contentType), ...(sampled !== undefined ? { body: sampled } : {}) }];
}

function swagger2Bodies(response: Record<string, unknown>, ctx: OperationContext, at: PropertyKey[]): SampledBody[] {
  const produces = ctx.produces.length > 0 ? ctx.produces : ['application/json'];
  const examples = asRecord(response['examples']);
  const exampleTypes = Object.keys(examples ?? {});
  const type = exampleTypes.find((t) => JSON_TYPE.test(t)) ?? produces.find((t) => JSON_TYPE.test(t)) ?? exampleTypes[0] ?? produces[0] ?? 'application/json';
  const contentType = /^application\/json\s*$/i.test(type) ? undefined : type;
  const xml = /xml/i.test(type);
  if (examples !== null && examples[type] !== undefined) return [{ name: null, ...typed(contentType), ...bodyOf(examples[type], ctx, [...at, 'examples', type]) }];
  const schema = asRecord(response['schema']);
  if (schema === null) return [];
  const sampled = sampleSchema(schema, ctx, [...at, 'schema'], xml);
  return [{ name: null, ...typed(contentType), ...(sampled !== undefined ? { body: sampled } : {}) }];
}

function typed(contentType: string | undefined): { contentType?: string } {
  return contentType === undefined ? {} : { contentType };
}

function bodyOf(value: unknown, ctx: OperationContext, at: PropertyKey[]): { body?: JsonValue } {
  const json = toJson(value);
  if (json === undefined) ctx.findings.problem(at, 'the example is not JSON data: left out');
  return json === undefined ? {} : { body: json };
}

/** A body for a schema: openapi-sampler is deterministic (the same schema gives the same sample). */
function sampleSchema(schema: Record<string, unknown>, ctx: OperationContext, at: PropertyKey[], xml: boolean): JsonValue | undefined {
  try {
    const value = sample(schema as never, { skipWriteOnly: true, quiet: true, maxSampleDepth: 8, ...(xml ? { format: 'xml' as const } : {}) }, ctx.spec);
    const json = toJson(value);
    if (json === undefined) ctx.findings.problem(at, 'the schema gives no sample body: left out');
    return json;
  } catch (error) {
    ctx.findings.problem(at, `cannot sample the schema (${error instanceof Error ? error.message : String(error)}): body left out`);
    return undefined;
  }
}

/** Response headers: their example, default or a sample of their schema, as text. */
function responseHeaders(response: Record<string, unknown>, ctx: OperationContext, at: PropertyKey[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(asRecord(response['headers']) ?? {})) {
    if (name.toLowerCase() === 'content-type') continue;
    const header = asRecord(raw) ?? {};
    let value: unknown = header['example'] ?? header['x-example'] ?? header['default'];
    const schema = asRecord(header['schema']) ?? (ctx.swagger2 ? header : null);
    if (value === undefined && schema !== null) {
      try {
        value = sample(schema as never, { quiet: true }, ctx.spec);
      } catch {
        value = undefined;
      }
    }
    if (value === undefined || value === null) {
      ctx.findings.problem([...at, 'headers', name], 'no example, default or schema to give the header a value: left out');
      continue;
    }
    out[name.toLowerCase()] = typeof value === 'string' ? value : asString(value) ?? JSON.stringify(value);
  }
  return out;
}

/** A JSON copy of a value (dates become text), or undefined when it is not JSON data. */
function toJson(value: unknown): JsonValue | undefined {
  if (value === undefined) return undefined;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : (JSON.parse(text) as JsonValue);
  } catch {
    return undefined;
  }
}
