import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { SESSION_HEADER } from '../core';
import { ADMIN_PREFIX } from './admin-router';
import { splitTarget } from './incoming-request';
import type { LiveConfig } from './live-config';

export function isAdminPath(url: string): boolean {
  return url.startsWith(ADMIN_PREFIX) && (url.length === ADMIN_PREFIX.length || '/?'.includes(url[ADMIN_PREFIX.length] ?? ''));
}

export interface RequestListenerParts {
  readonly config: LiveConfig;
  /** The mock handler: decides with the shared core, journals, applies latency and faults. */
  readonly mock: (req: IncomingMessage, res: ServerResponse) => void;
  /** Express: the admin API, and the mock handler again for whatever the fast path leaves. */
  readonly app: RequestListener;
  /** false: every request goes through Express (to compare both paths). */
  readonly fastPath: boolean;
}

/**
 * The server's request listener. A request that matches a mock route (method and path, the
 * test `decide` makes first) takes the fast path: straight to the mock handler, without
 * Express's request and response wrappers, its router and its query parser, which cost more
 * than the whole mock decision. The admin API and unmatched requests (404 with the closest
 * routes, record mode's proxy) go through Express. Both paths end in the same mock handler,
 * so they decide, journal, delay and fault alike; only the cost differs. A request target that
 * does not parse as a URL gets 400 here (Express would answer it with an HTML 404).
 */
export function createRequestListener(parts: RequestListenerParts): RequestListener {
  const { config, mock, app } = parts;
  if (!parts.fastPath) return app;
  return (req, res) => {
    const url = req.url ?? '/';
    let matched: boolean;
    try {
      matched = !isAdminPath(url) && config.matches(req.method ?? 'GET', splitTarget(url).path, sessionOf(req));
    } catch {
      refuseTarget(res, url);
      return;
    }
    if (!matched) {
      app(req, res);
      return;
    }
    try {
      mock(req, res);
    } catch (error) {
      // The mock handler answers its own errors; anything that still escapes must not end the
      // process (Express would catch it on its path): 500, or a cut connection once answering.
      failSafe(res, error);
    }
  };
}

function sessionOf(req: IncomingMessage): string | undefined {
  const value = req.headers[SESSION_HEADER];
  return typeof value === 'string' ? value : undefined;
}

function failSafe(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: 'mock_server_error', message: error instanceof Error ? error.message : String(error) });
  res.writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** A request target no URL parser reads (`http://[::1/x`): 400, like any other malformed request. */
function refuseTarget(res: ServerResponse, url: string): void {
  const shown = url.length > 200 ? `${url.slice(0, 200)}…` : url;
  const body = JSON.stringify({ error: 'bad_request', message: `the request target ${JSON.stringify(shown)} is not a valid URL`, status: 400 });
  res.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
