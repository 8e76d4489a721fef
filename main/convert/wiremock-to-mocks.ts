import type { JsonValue } from '../api/formats/common';
import type { SourceDocument } from '../formats/source-document';
import { celAnd, celPath, celString } from './cel-literals';
import type { ConvertedRoute, DocumentFindings, Findings, Method, SourceConversion } from './conversion';
import { HTTP_METHODS, asMethod, asNumber, asRecord, asString, routeId } from './conversion';
import { pathShape } from './express-path';
import { bodyPatterns, namedMatchers, valueMatcher } from './wiremock-matchers';
import { stubResponse } from './wiremock-response';
import type { StubResponse } from './wiremock-response';
import { stubUrl } from './wiremock-url';
import type { SourceSet } from './source-files';

/** WireMock's state of a scenario that has not moved yet. */
export const STARTED = 'Started';
const DEFAULT_PRIORITY = 5;

/** One WireMock stub mapping, read. */
export interface WireMockStub {
  file: string;
  /** `mappings[3]` or `(root)`. */
  at: string;
  /** Load order (later stubs win over earlier ones of the same priority, as in WireMock). */
  order: number;
  priority: number;
  name: string | null;
  methods: Method[];
  path: string;
  conditions: string[];
  scenario: { name: string; required: string | null; next: string | null } | null;
  served: StubResponse;
  findings: DocumentFindings;
  where: PropertyKey[];
}

/** The stubs of one file: a single mapping or `{ mappings: [...] }`. */
export async function readWireMockStubs(doc: SourceDocument, rel: string, sources: SourceSet, findings: Findings, firstOrder: number): Promise<{ stubs: WireMockStub[]; fatal: boolean }> {
  const f = findings.forDocument(doc);
  const value = asRecord(doc.value) ?? {};
  const list: { raw: unknown; where: PropertyKey[] }[] = [];
  if ('mappings' in value) {
    if (!Array.isArray(value['mappings'])) {
      f.problem(['mappings'], 'expected mappings to be a list');
      return { stubs: [], fatal: true };
    }
    value['mappings'].forEach((raw: unknown, i) => list.push({ raw, where: ['mappings', i] }));
  } else list.push({ raw: value, where: [] });
  const stubs: WireMockStub[] = [];
  for (const [i, { raw, where }] of list.entries()) {
    const stub = await readStub(raw, where, doc.file, rel, sources, f, firstOrder + i);
    if (stub !== null) stubs.push(stub);
  }
  return { stubs, fatal: false };
}

async function readStub(raw: unknown, where: PropertyKey[], file: string, rel: string, sources: SourceSet, f: DocumentFindings, order: number): Promise<WireMockStub | null> {
  const mapping = asRecord(raw);
  const request = asRecord(mapping?.['request']);
  if (mapping === null || request === null) {
    f.problem(where, 'a stub mapping needs a request object: left out');
    return null;
  }
  if (asRecord(mapping['response']) === null) {
    f.problem([...where, 'response'], 'a stub mapping needs a response object: left out');
    return null;
  }
  const reqAt = [...where, 'request'];
  const methodText = asString(request['method']) ?? 'ANY';
  const one = asMethod(methodText);
  if (methodText !== 'ANY' && one === null) {
    f.problem([...reqAt, 'method'], `method ${methodText} is not served by flowbench mocks (GET, POST, PUT, PATCH, DELETE): stub left out`);
    return null;
  }
  for (const key of ['customMatcher', 'multipartPatterns', 'host', 'scheme', 'port', 'clientIp']) {
    if (request[key] !== undefined) {
      f.problem([...reqAt, key], `request ${key} matching is not converted: stub left out (it would match more than it should)`);
      return null;
    }
  }
  const url = stubUrl(request, reqAt, f);
  if (url === null) return null;
  const query = namedMatchers('query', request['queryParameters'], [...reqAt, 'queryParameters'], f);
  const headers = namedMatchers('headers', request['headers'], [...reqAt, 'headers'], f);
  const cookies = cookieMatchers(request['cookies'], [...reqAt, 'cookies'], f);
  const body = bodyPatterns(request['bodyPatterns'], [...reqAt, 'bodyPatterns'], f);
  if (query === null || headers === null || cookies === null || body === null) return null;
  const auth = basicAuth(request['basicAuthCredentials']);
  const served = await stubResponse(mapping['response'], [...where, 'response'], rel, sources, f);
  if (served === null) return null;
  for (const key of ['postServeActions', 'serveEventListeners']) {
    if (mapping[key] !== undefined) f.problem([...where, key], 'webhooks and serve actions are not converted');
  }
  const scenarioName = asString(mapping['scenarioName']);
  return {
    file,
    at: where.length === 0 ? '(root)' : `mappings[${String(where[1])}]`,
    order,
    priority: asNumber(mapping['priority']) ?? DEFAULT_PRIORITY,
    name: asString(mapping['name']) ?? null,
    methods: one === null ? [...HTTP_METHODS] : [one],
    path: url.path,
    conditions: [...url.conditions, ...query, ...headers, ...cookies, ...body, ...(auth !== null ? [auth] : [])],
    scenario:
      scenarioName === undefined
        ? null
        : { name: scenarioName, required: asString(mapping['requiredScenarioState']) ?? null, next: asString(mapping['newScenarioState']) ?? null },
    served,
    findings: f,
    where,
  };
}

function cookieMatchers(raw: unknown, at: PropertyKey[], f: DocumentFindings): string[] | null {
  const terms: string[] = [];
  for (const [name, matcher] of Object.entries(asRecord(raw) ?? {})) {
    const equal = asString(asRecord(matcher)?.['equalTo']);
    if (equal === undefined) {
      f.problem([...at, name], 'cookie matchers other than equalTo are not converted: stub left out');
      return null;
    }
    const term = valueMatcher({ expr: celPath('headers', ['cookie']), guard: "'cookie' in headers" }, { contains: `${name}=${equal}` });
    if ('error' in term) return null;
    terms.push(term.cel);
  }
  return terms;
}

function basicAuth(raw: unknown): string | null {
  const creds = asRecord(raw);
  if (creds === null) return null;
  const token = Buffer.from(`${asString(creds['username']) ?? ''}:${asString(creds['password']) ?? ''}`).toString('base64');
  return `'authorization' in headers && headers['authorization'] == ${celString(`Basic ${token}`)}`;
}

/**
 * WireMock's stubs as flowbench routes: stubs with the same method and path share one route,
 * best first (priority, then the later stub); their conditions and scenario states become
 * each response's `when`, `newScenarioState` its `setState`. Scenarios start in `Started`.
 * Latency and faults are per route in flowbench: a route takes its best stub's latency, and a
 * fault only when the stub has the route to itself.
 */
export function wireMockRoutes(stubs: readonly WireMockStub[]): { routes: ConvertedRoute[]; state: Record<string, JsonValue> } {
  const groups = new Map<string, { method: Method; path: string; stubs: WireMockStub[] }>();
  for (const stub of stubs) {
    for (const method of stub.methods) {
      const key = `${method} ${stub.path}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { method, path: stub.path, stubs: [] }));
      group.stubs.push(stub);
    }
  }
  const state: Record<string, JsonValue> = {};
  for (const stub of stubs) if (stub.scenario !== null) state[stub.scenario.name] = STARTED;

  const ordered = [...groups.values()].map((g) => ({ ...g, stubs: [...g.stubs].sort(byPrecedence) })).sort(groupOrder);
  const routes = ordered.map((g): ConvertedRoute => {
    const best = g.stubs[0] as WireMockStub;
    const responses = g.stubs.map((stub) => {
      const scenario = stub.scenario;
      const when = celAnd([...stub.conditions, ...(scenario?.required != null ? [`${celPath('state', [scenario.name])} == ${celString(scenario.required)}`] : [])]);
      return {
        ...(when !== 'true' ? { when } : {}),
        ...stub.served.response,
        ...(scenario?.next != null ? { setState: { [scenario.name]: scenario.next } } : {}),
      };
    });
    const latencies = new Set(g.stubs.map((s) => JSON.stringify(s.served.latency ?? null)));
    if (latencies.size > 1) best.findings.note(best.where, `stubs on ${g.method} ${g.path} have different delays; flowbench latency is per route: this stub's is used`);
    const faults = g.stubs.length === 1 && best.served.fault !== undefined ? [best.served.fault] : [];
    for (const stub of g.stubs) {
      if (stub.served.fault !== undefined && g.stubs.length > 1) {
        stub.findings.problem([...stub.where, 'response'], `the fault is not converted: flowbench faults are per route and ${g.method} ${g.path} has ${g.stubs.length} stubs`);
      }
    }
    const id = routeId(best.name ?? `${g.method.toLowerCase()}_${g.path}`);
    return {
      route: { id, method: g.method, path: g.path, ...(best.served.latency !== undefined ? { latency: best.served.latency } : {}), ...(faults.length > 0 ? { faults } : {}), responses },
      file: best.file,
      path: best.at,
    };
  });
  return { routes, state };
}

function byPrecedence(a: WireMockStub, b: WireMockStub): number {
  return a.priority - b.priority || b.order - a.order;
}

/** Best priority first, then paths with fewer parameters and wildcards, then the later stub. */
function groupOrder(a: { stubs: WireMockStub[]; path: string }, b: { stubs: WireMockStub[]; path: string }): number {
  const pa = a.stubs[0]?.priority ?? DEFAULT_PRIORITY;
  const pb = b.stubs[0]?.priority ?? DEFAULT_PRIORITY;
  return pa - pb || generality(a.path) - generality(b.path) || (b.stubs[0]?.order ?? 0) - (a.stubs[0]?.order ?? 0);
}

function generality(path: string): number {
  const shape = pathShape(path);
  return (shape.match(/:/g)?.length ?? 0) + 100 * (shape.match(/\*/g)?.length ?? 0);
}

/** The WireMock stubs of several files, as one conversion. */
export function wireMockConversion(file: string, stubs: readonly WireMockStub[]): SourceConversion {
  const { routes, state } = wireMockRoutes(stubs);
  return { file, format: 'wiremock', routes, ...(Object.keys(state).length > 0 ? { state } : {}), fatal: false };
}
