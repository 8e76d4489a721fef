import { stringify, TokenData } from 'path-to-regexp';
import type { JsonValue } from '../../main/api/formats/common';
import { hasTemplateSyntax } from '../../main/expr/template';
import type { MockResponse } from '../../main/api/formats/mocks';
import type { MocksFileInput } from '../../main/api/formats/mocks';

/** What the target answered to one proxied request. */
export interface ObservedExchange {
  status: number;
  contentType: string | undefined;
  body: Buffer;
  latencyMs: number;
}

type RecordedResponse = Pick<MockResponse, 'status'> & { headers?: Record<string, string>; body?: JsonValue; template?: false };

interface RecordedRoute {
  id: string;
  method: string;
  path: string;
  responses: RecordedResponse[];
  latencies: number[];
}

type RouteInput = MocksFileInput['routes'][number];

/** Past this many exchanges a recorded route stops growing (memory stays bounded). */
export const MAX_RECORDED_PER_ROUTE = 1000;

/**
 * Turns observed exchanges into routes: one route per method + exact path (no path
 * parameters are inferred, so `/orders/1` and `/orders/2` replay their own answers), its
 * responses in the order seen (`pick: sequence`) and its latencies as a `sequence`.
 */
export class Recorder {
  private readonly routes = new Map<string, RecordedRoute>();
  private readonly usedIds: Set<string>;
  private readonly listeners = new Set<() => void>();

  constructor(reservedIds: Iterable<string> = []) {
    this.usedIds = new Set(reservedIds);
  }

  /** Records one exchange; returns its route id and its 1-based number on that route. */
  record(method: string, path: string, observed: ObservedExchange): { routeId: string; n: number; warnings: string[] } {
    const key = `${method} ${path}`;
    let route = this.routes.get(key);
    if (!route) {
      route = { id: this.uniqueId(method, path), method, path, responses: [], latencies: [] };
      this.routes.set(key, route);
    }
    const warnings: string[] = [];
    if (route.latencies.length >= MAX_RECORDED_PER_ROUTE) {
      warnings.push(`route ${route.id} already holds ${MAX_RECORDED_PER_ROUTE} recorded exchanges; this one is not recorded`);
      return { routeId: route.id, n: route.latencies.length, warnings };
    }
    route.responses.push(recordedResponse(observed, warnings));
    route.latencies.push(Math.max(0, Math.round(observed.latencyMs)));
    for (const listener of this.listeners) listener();
    return { routeId: route.id, n: route.latencies.length, warnings };
  }

  get size(): number {
    return this.routes.size;
  }

  /** The recorded routes as they are written to a mocks file. */
  toRoutes(): RouteInput[] {
    return [...this.routes.values()].map((r) => {
      const distinct = allSame(r.responses) ? [r.responses[0] as RecordedResponse] : r.responses;
      return {
        id: r.id,
        method: r.method as RouteInput['method'],
        path: stringify(new TokenData([{ type: 'text', value: r.path }])),
        latency: { sequence: r.latencies },
        ...(distinct.length > 1 ? { pick: 'sequence' as const } : {}),
        responses: distinct,
      };
    });
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private uniqueId(method: string, path: string): string {
    const slug = `${method.toLowerCase()}_${path.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`.replace(/_+$/g, '').slice(0, 64);
    let id = slug;
    for (let i = 2; this.usedIds.has(id); i++) id = `${slug}_${i}`;
    this.usedIds.add(id);
    return id;
  }
}

function recordedResponse(observed: ObservedExchange, warnings: string[]): RecordedResponse {
  const response: RecordedResponse = { status: observed.status };
  if (observed.body.length === 0) return response;
  const text = observed.body.toString('utf8');
  const isJson = observed.contentType !== undefined && /[/+]json\b/i.test(observed.contentType);
  let body: JsonValue = text;
  if (isJson) {
    try {
      body = JSON.parse(text) as JsonValue;
    } catch {
      warnings.push('the target sent invalid JSON; recorded as text');
    }
  }
  if (!isJson && observed.contentType !== undefined) response.headers = { 'content-type': observed.contentType };
  response.body = body;
  // Mock bodies are templates: braces from the target would be read (or refused) as
  // placeholders. Such a response is served verbatim instead, never rewritten.
  if (hasTemplateSyntax(body) || Object.values(response.headers ?? {}).some(hasTemplateSyntax)) {
    response.template = false;
    warnings.push(BRACES_WARNING);
  }
  return response;
}

const BRACES_WARNING = 'the recorded response holds {{ or }}: it is served as recorded (template: false), its braces are text';

function allSame(responses: readonly RecordedResponse[]): boolean {
  const first = JSON.stringify(responses[0]);
  return responses.every((r) => JSON.stringify(r) === first);
}
