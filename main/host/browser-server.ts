import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { httpStatusFor } from '../api/errors';
import type { ApiErrorCode, CallResult } from '../api/errors';
import { bearerToken, createAccessToken, tokenMatches } from './access-token';
import { CONTENT_SECURITY_POLICY } from './csp';
import type { Host } from './host';
import { isAllowedRequest } from './request-guard';

export interface BrowserServerOptions {
  host: Host;
  /** The built renderer (index.html and assets); without it only the API is served. */
  rendererDir?: string;
  port?: number;
  /** Always 127.0.0.1 unless the caller insists. */
  bindAddress?: string;
  maxBodyBytes?: number;
  /** The access token every API call must carry; a fresh random one per launch by default. */
  token?: string;
}

export interface BrowserServer {
  /** The address to open: `http://127.0.0.1:PORT/?token=…` (the token is in it, like Jupyter's). */
  readonly url: string;
  /** `http://127.0.0.1:PORT` without the token. */
  readonly origin: string;
  /** The access token: `Authorization: Bearer <token>` on calls, `?token=` on the event stream. */
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

const SSE_HEARTBEAT_MS = 15_000;

/** Serves the workbench UI and the API contract over HTTP (POST per call, SSE for events). */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const { host } = options;
  const token = options.token ?? createAccessToken();
  if (token.length < 22) throw new Error('the browser-mode access token must have at least 128 bits (22 base64url characters)');
  const app = express();
  app.disable('x-powered-by');
  let boundPort = 0;
  const sseResponses = new Set<Response>();

  app.use((req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (!isAllowedRequest({ host: req.headers.host, origin: req.headers.origin }, boundPort)) {
      res.status(403).json(errorBody('forbidden', 'request refused: wrong Host or Origin for the flowbench workbench'));
      return;
    }
    next();
  });

  // Every API call carries the launch's token in its Authorization header; the event stream,
  // which EventSource opens without custom headers, in its `token` query parameter.
  app.use('/api', (req, res, next) => {
    const header = bearerToken(req.headers.authorization);
    const given = req.path === '/events' && req.method === 'GET' ? (header ?? queryToken(req.query['token'])) : header;
    if (!tokenMatches(token, given)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="flowbench"');
      res.status(401).json(errorBody('unauthorized', unauthorizedMessage(given === undefined, boundPort)));
      return;
    }
    next();
  });

  app.post(
    '/api/call/:name',
    express.json({ limit: options.maxBodyBytes ?? 20 * 1024 * 1024, strict: false, type: () => true }),
    async (req: Request<{ name: string }>, res: Response) => {
      const result = await host.dispatch(req.params.name, req.body ?? {});
      res.status(result.ok ? 200 : httpStatusFor(result.error.code)).json(result);
    },
  );

  app.get('/api/events', (req, res) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    sseResponses.add(res);
    const unsubscribe = host.events.subscribe((event) => {
      res.write(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), SSE_HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      sseResponses.delete(res);
    });
  });

  app.use('/api', (req, res) => {
    res.status(404).json(errorBody('unknown_route', `no API endpoint ${req.method} ${req.originalUrl}; calls are POST /api/call/<name>`));
  });

  const rendererDir = options.rendererDir;
  if (rendererDir !== undefined && existsSync(join(rendererDir, 'index.html'))) {
    const setCsp = (res: Response): void => {
      res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    };
    app.use(express.static(rendererDir, { index: 'index.html', setHeaders: setCsp }));
    app.get('/{*rest}', (_req, res) => {
      setCsp(res);
      res.sendFile(join(rendererDir, 'index.html'));
    });
  } else {
    app.get('/', (_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send('The workbench UI is not built. Run `npm run build` (npm start does it for you), then reload.');
    });
  }

  // Malformed JSON and other request errors: a typed 400, never a crash.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 500;
    const message = error instanceof Error ? error.message : String(error);
    if (status >= 400 && status < 500) {
      res.status(status).json(errorBody('invalid_input', `bad request: ${message}`));
    } else {
      res.status(500).json(errorBody('internal', `server error: ${message}`));
    }
  });

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(options.port ?? 0, options.bindAddress ?? '127.0.0.1', (error?: Error) => {
      if (error) reject(error);
      else resolve(s);
    });
  });
  boundPort = (server.address() as AddressInfo).port;
  const shownHost = options.bindAddress === undefined || options.bindAddress === '127.0.0.1' ? '127.0.0.1' : options.bindAddress;
  const origin = `http://${shownHost}:${boundPort}`;

  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    token,
    port: boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of sseResponses) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function errorBody(code: ApiErrorCode, message: string): CallResult<never> {
  return { ok: false, error: { code, message } };
}

function queryToken(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function unauthorizedMessage(missing: boolean, port: number): string {
  const what = missing ? 'carries no access token' : 'carries a wrong access token (flowbench makes a new one each launch)';
  return (
    `request refused: it ${what}. Open the workbench with the URL flowbench printed at start ` +
    `(http://127.0.0.1:${port}/?token=…); API clients send 'Authorization: Bearer <token>', the event stream takes ?token=<token>.`
  );
}
