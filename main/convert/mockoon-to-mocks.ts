import { posix } from 'node:path';
import type { SourceDocument } from '../formats/source-document';
import type { ConvertedRoute, DocumentFindings, Findings, LatencyInput, ResponseInput, RouteInput, SourceConversion } from './conversion';
import { HTTP_METHODS, asMethod, asNumber, asRecord, asString, routeId } from './conversion';
import { express4Parts, expressPath } from './express-path';
import { rulesToWhen } from './mockoon-rules';
import { bodyFromText, contentTypeOf } from './response-body';
import type { SourceSet } from './source-files';
import { convertTemplates } from './source-templates';

interface ResponseParts {
  response: ResponseInput;
  latencyMs: number;
  isDefault: boolean;
  hasRules: boolean;
  index: number;
}

/**
 * A Mockoon environment (SPEC §7.3): its routes under `endpointPrefix`; responses with rules
 * → `when`; sequential/random modes → `pick`; route and environment latency → fixed;
 * disabled routes skipped. Routes stay in the environment's order (Mockoon's matching order).
 */
export async function convertMockoon(doc: SourceDocument, environment: Record<string, unknown>, at: PropertyKey[], rel: string, sources: SourceSet, findings: Findings): Promise<SourceConversion> {
  const f = findings.forDocument(doc);
  const routesValue = environment['routes'];
  if (!Array.isArray(routesValue)) {
    f.problem([...at, 'routes'], 'expected routes to be a list');
    return { file: doc.file, format: 'mockoon', routes: [], fatal: true };
  }
  const prefix = (asString(environment['endpointPrefix']) ?? '').replace(/^\/+|\/+$/g, '');
  const envLatency = asNumber(environment['latency']) ?? 0;
  const envHeaders = headerList(environment['headers']);
  if (environment['proxyMode'] === true) {
    f.problem([...at, 'proxyMode'], `proxy mode (unmatched requests go to ${asString(environment['proxyHost']) ?? 'the proxy host'}) is not converted: unmatched requests get flowbench's 404`);
  }
  if (Array.isArray(environment['callbacks']) && environment['callbacks'].length > 0) f.problem([...at, 'callbacks'], 'callbacks are not converted');

  const routes: ConvertedRoute[] = [];
  for (const [i, raw] of routesValue.entries()) {
    const where = [...at, 'routes', i];
    const route = asRecord(raw);
    if (route === null) {
      f.problem(where, 'not a route object: left out');
      continue;
    }
    const type = asString(route['type']) ?? 'http';
    const endpoint = asString(route['endpoint']) ?? '';
    const label = `${(asString(route['method']) ?? '').toUpperCase()} /${endpoint}`;
    if (route['enabled'] === false) {
      f.note(where, `disabled route ${label} skipped`);
      continue;
    }
    if (type !== 'http') {
      f.problem(where, `${type === 'crud' ? 'CRUD route (data bucket)' : type === 'ws' ? 'WebSocket route' : `'${type}' route`} ${label} is not converted`);
      continue;
    }
    let path: string;
    try {
      path = expressPath(express4Parts(`/${[prefix, endpoint.replace(/^\/+/, '')].filter((p) => p !== '').join('/')}`));
    } catch (error) {
      f.problem([...where, 'endpoint'], `path not converted: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const methodText = asString(route['method']) ?? '';
    const methods = methodText === 'all' ? [...HTTP_METHODS] : [asMethod(methodText)];
    if (methods[0] === null) {
      f.problem([...where, 'method'], `method '${methodText}' is not served by flowbench mocks (GET, POST, PUT, PATCH, DELETE): route left out`);
      continue;
    }
    if (methodText === 'all') f.note([...where, 'method'], `method 'all' becomes one route per method (${HTTP_METHODS.join(', ')})`);
    const built = await buildRoute(route, where, envHeaders, envLatency, rel, sources, f);
    if (built === null) continue;
    const base = routeId(`${methodText}_${endpoint || 'root'}`);
    for (const method of methods) {
      if (method === null) continue;
      const id = methods.length > 1 ? routeId(`${method.toLowerCase()}_${endpoint || 'root'}`) : base;
      routes.push({ route: { id, method, path, ...built }, file: doc.file, path: `routes[${i}]` });
    }
  }
  const name = asString(environment['name']);
  return { file: doc.file, format: 'mockoon', ...(name !== undefined ? { name } : {}), routes, fatal: false };
}

async function buildRoute(
  route: Record<string, unknown>,
  where: PropertyKey[],
  envHeaders: Record<string, string>,
  envLatency: number,
  rel: string,
  sources: SourceSet,
  f: DocumentFindings,
): Promise<Omit<RouteInput, 'id' | 'method' | 'path'> | null> {
  const list = Array.isArray(route['responses']) ? route['responses'] : [];
  if (list.length === 0) {
    f.problem([...where, 'responses'], 'a route without responses is left out');
    return null;
  }
  const parts: ResponseParts[] = [];
  for (const [k, raw] of list.entries()) {
    const at = [...where, 'responses', k];
    const r = asRecord(raw);
    if (r === null) {
      f.problem(at, 'not a response object: left out');
      continue;
    }
    const response = await buildResponse(r, at, envHeaders, rel, sources, f);
    if (response === null) continue;
    parts.push({ response, latencyMs: Math.max(0, Math.round((asNumber(r['latency']) ?? 0) + envLatency)), isDefault: r['default'] === true, hasRules: Array.isArray(r['rules']) && r['rules'].length > 0, index: k });
  }
  if (parts.length === 0) return null;
  const mode = asString(route['responseMode']) ?? null;
  const fallback = parts.find((p) => p.isDefault) ?? parts[0];
  if (fallback === undefined) return null;

  if (mode === 'SEQUENTIAL' || mode === 'RANDOM') {
    if (parts.some((p) => p.hasRules)) f.note([...where, 'responseMode'], `${mode.toLowerCase()} mode: Mockoon ignores the rules, so does the conversion`);
    const latency = mode === 'SEQUENTIAL' ? sequentialLatency(parts, where, f) : commonLatency(parts, fallback, where, f);
    return { ...latency, pick: mode === 'SEQUENTIAL' ? 'sequence' : 'random', responses: parts.map((p) => p.response) };
  }
  if (mode === 'DISABLE_RULES') {
    if (parts.length > 1) f.note([...where, 'responseMode'], 'rules disabled: only the default response is served; the others are left out');
    return { ...fixed(fallback.latencyMs), responses: [fallback.response] };
  }

  // Rules mode (default) and fallback mode: the first response whose rules hold, then the default one.
  const ordered: ResponseInput[] = [];
  for (const p of parts) {
    if (!p.hasRules) {
      if (p !== fallback) f.note([...where, 'responses', p.index], 'a response without rules that is not the default is never served by Mockoon: left out');
      continue;
    }
    const rules = (asRecord(list[p.index])?.['rules'] as unknown[] | undefined) ?? [];
    const when = rulesToWhen(rules, asRecord(list[p.index])?.['rulesOperator'], [...where, 'responses', p.index], f);
    if (when === null) {
      f.problem([...where, 'responses', p.index], 'none of its rules converts: response left out');
      continue;
    }
    ordered.push({ when, ...p.response });
  }
  if (mode === 'FALLBACK') {
    f.note([...where, 'responseMode'], "fallback mode: a request no rule matches gets flowbench's 404 no_response (Mockoon would try the next route)");
  } else ordered.push(fallback.response);
  if (ordered.length === 0) {
    f.problem(where, 'no response left to serve: route left out');
    return null;
  }
  return { ...commonLatency(parts, fallback, where, f), responses: ordered };
}

async function buildResponse(
  r: Record<string, unknown>,
  at: PropertyKey[],
  envHeaders: Record<string, string>,
  rel: string,
  sources: SourceSet,
  f: DocumentFindings,
): Promise<ResponseInput | null> {
  const status = asNumber(r['statusCode']) ?? 200;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...envHeaders, ...headerList(r['headers']) })) {
    const converted = convertTemplates(value, 'mockoon');
    for (const d of converted.dropped) f.problem([...at, 'headers'], `template ${d} in header ${name} is not converted: left out`);
    headers[name.toLowerCase()] = converted.text;
  }
  if (Array.isArray(r['callbacks']) && r['callbacks'].length > 0) f.problem([...at, 'callbacks'], 'callbacks are not converted');
  const bodyType = asString(r['bodyType']) ?? 'INLINE';
  let text = asString(r['body']) ?? '';
  if (bodyType === 'DATABUCKET') {
    f.problem([...at, 'databucketID'], 'a body from a data bucket is not converted: the response has no body');
    text = '';
  } else if (bodyType === 'FILE') {
    const file = asString(r['filePath']) ?? '';
    const read = file === '' ? { error: 'no file path' } : await sources.read(posix.join(posix.dirname(rel), file.replace(/\\/g, '/')));
    if ('error' in read) {
      f.problem([...at, 'filePath'], `body file not converted (${read.error}): the response has no body`);
      text = '';
    } else text = read.text;
  }
  const body = bodyFromText(text, contentTypeOf(headers), 'mockoon');
  for (const d of body.dropped) f.problem([...at, 'body'], `template ${d} is not converted: left out of the body`);
  if (body.note !== undefined) f.note([...at, 'body'], body.note);
  const all = { ...headers, ...body.headers };
  return { status, ...(Object.keys(all).length > 0 ? { headers: all } : {}), ...(body.body !== undefined ? { body: body.body } : {}) };
}

function fixed(ms: number): { latency?: LatencyInput } {
  return ms === 0 ? {} : { latency: { fixed: ms } };
}

/** Route latency when responses are chosen by rules or at random: the default response's, noted when others differ. */
function commonLatency(parts: readonly ResponseParts[], fallback: ResponseParts, where: PropertyKey[], f: DocumentFindings): { latency?: LatencyInput } {
  const distinct = new Set(parts.map((p) => p.latencyMs));
  if (distinct.size > 1) f.note(where, `responses have different latencies (${[...distinct].join(', ')} ms); flowbench latency is per route: ${fallback.latencyMs} ms (the default response's)`);
  return fixed(fallback.latencyMs);
}

/**
 * Sequential mode: each response's latency in turn, as a latency sequence. Mockoon's
 * responses cycle; a flowbench sequence holds its last value, so past the first cycle the
 * latency stays at the last response's (noted).
 */
function sequentialLatency(parts: readonly ResponseParts[], where: PropertyKey[], f: DocumentFindings): { latency?: LatencyInput } {
  const distinct = new Set(parts.map((p) => p.latencyMs));
  if (distinct.size <= 1) return fixed(parts[0]?.latencyMs ?? 0);
  const sequence = parts.map((p) => p.latencyMs);
  f.note(where, `each response's latency becomes a latency sequence [${sequence.join(', ')}]; past request ${sequence.length} it stays at ${sequence[sequence.length - 1] ?? 0} ms while the responses start over`);
  return { latency: { sequence } };
}

function headerList(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(value)) return out;
  for (const item of value) {
    const h = asRecord(item);
    const key = asString(h?.['key']);
    if (key !== undefined && key !== '') out[key] = asString(h?.['value']) ?? '';
  }
  return out;
}
