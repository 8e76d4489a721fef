import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { Agent, request as undiciRequest } from 'undici';
import { HttpMethod } from '../../main/api/formats/common';
import type { MockRequest } from '../core';
import { Recorder } from './recorder';

/** Hop-by-hop and framing headers are the proxy's own business on each side. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
]);

export interface ProxiedAnswer {
  routeId: string | null;
  n: number | null;
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  latencyMs: number;
  warnings: string[];
}

/**
 * Record mode: forwards an unmatched request to the real API and records the exchange.
 * Asks the target for an unencoded body so that what is recorded is readable.
 */
export class RecordingProxy {
  readonly target: string;
  readonly recorder: Recorder;
  private readonly agent = new Agent({ keepAliveTimeout: 4_000, connections: 64 });

  constructor(target: string, reservedRouteIds: Iterable<string>) {
    const url = new URL(target);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`record target must be an http(s) URL, got ${target}`);
    this.target = url.href.replace(/\/+$/, '');
    this.recorder = new Recorder(reservedRouteIds);
  }

  async forward(req: IncomingMessage, request: MockRequest, raw: Buffer | null): Promise<ProxiedAnswer> {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const response = await undiciRequest(`${this.target}${req.url ?? '/'}`, {
      method: method as 'GET',
      headers: forwardedHeaders(req.headers),
      body: raw !== null && raw.length > 0 ? raw : null,
      dispatcher: this.agent,
    });
    const body = Buffer.from(await response.body.arrayBuffer());
    const latencyMs = performance.now() - started;
    const contentType = headerValue(response.headers['content-type']);
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined && value !== null && !HOP_BY_HOP.has(name)) headers[name] = value as string | string[];
    }
    const warnings: string[] = [];
    let routeId: string | null = null;
    let n: number | null = null;
    if (HttpMethod.safeParse(method).success) {
      const recorded = this.recorder.record(method, request.path, { status: response.statusCode, contentType, body, latencyMs });
      routeId = recorded.routeId;
      n = recorded.n;
      warnings.push(...recorded.warnings);
    } else {
      warnings.push(`${method} requests are proxied but not recorded (mocks routes take GET, POST, PUT, PATCH, DELETE)`);
    }
    return { routeId, n, status: response.statusCode, headers, body, latencyMs: Math.round(latencyMs), warnings };
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

function forwardedHeaders(incoming: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === 'accept-encoding') continue;
    out[name] = value;
  }
  out['accept-encoding'] = 'identity';
  return out;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
