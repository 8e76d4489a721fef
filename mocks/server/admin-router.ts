import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import type { ApiIssue } from '../../main/api/errors';
import { parseMocksConfig, parseRouteOverride } from './config-check';
import { MockConfigError, UnknownRouteError } from './config-errors';
import type { Journal } from './journal';
import { parseJournalQuery } from './journal-query';
import type { LiveConfig } from './live-config';
import { summarizeRoute } from './route-summary';
import { addStateRoutes } from './state-admin';

export const ADMIN_PREFIX = '/__flowbench';

export interface AdminContext {
  readonly config: LiveConfig;
  readonly journal: Journal;
  readonly startedAt: number;
  /** Called after the config was replaced or patched. */
  readonly onConfigChange?: () => void;
}

type AdminError = 'invalid_config' | 'invalid_patch' | 'invalid_query' | 'invalid_json' | 'unknown_route' | 'not_found' | 'internal';

function fail(res: Response, status: number, error: AdminError, message: string, issues?: readonly ApiIssue[]): void {
  res.status(status).json({ error, message, ...(issues ? { issues } : {}) });
}

/**
 * The admin API under /__flowbench/: health, config, routes, journal, counters, state. Never
 * matched as a mock route and never journaled as mock traffic.
 */
export function createAdminRouter(ctx: AdminContext): Router {
  const router = express.Router();
  router.use(express.json({ limit: '20mb', strict: false, type: () => true }));

  router.get('/health', (_req, res) => {
    res.json({
      ok: true,
      uptimeMs: Math.round(performance.now() - ctx.startedAt),
      seed: ctx.config.seed,
      routes: ctx.config.mocks.routes.length,
      journal: { size: ctx.journal.size, total: ctx.journal.total, capacity: ctx.journal.capacity },
    });
  });

  router.get('/config', (_req, res) => {
    res.json(ctx.config.mocks);
  });

  router.put('/config', (req, res) => {
    try {
      ctx.config.replace(parseMocksConfig(req.body));
    } catch (error) {
      if (error instanceof MockConfigError) {
        fail(res, 400, 'invalid_config', `${error.message}; the previous config stays in force`, error.issues);
        return;
      }
      throw error;
    }
    ctx.onConfigChange?.();
    res.json({ ok: true, routes: ctx.config.mocks.routes.map(summarizeRoute) });
  });

  router.get('/routes', (_req, res) => {
    res.json({ routes: ctx.config.mocks.routes.map(summarizeRoute) });
  });

  router.get('/routes/:id', (req: Request<{ id: string }>, res) => {
    const route = ctx.config.mocks.routes.find((r) => r.id === req.params.id);
    if (route === undefined) fail(res, 404, 'unknown_route', new UnknownRouteError(req.params.id, ctx.config.mocks.routes.map((r) => r.id)).message);
    else res.json(route);
  });

  router.patch('/routes/:id', (req: Request<{ id: string }>, res) => {
    try {
      const route = ctx.config.patchRoute(req.params.id, parseRouteOverride(req.body));
      ctx.onConfigChange?.();
      res.json({ ok: true, route });
    } catch (error) {
      if (error instanceof UnknownRouteError) fail(res, 404, 'unknown_route', error.message);
      else if (error instanceof MockConfigError) fail(res, 400, 'invalid_patch', `invalid patch: ${error.message}; the route is unchanged`, error.issues);
      else throw error;
    }
  });

  router.get('/journal', (req, res) => {
    const parsed = parseJournalQuery(req.query);
    if ('issues' in parsed) {
      fail(res, 400, 'invalid_query', 'invalid journal filter', parsed.issues);
      return;
    }
    res.json({ entries: ctx.journal.query(parsed.filter), total: ctx.journal.total });
  });

  router.get('/journal/:id', (req: Request<{ id: string }>, res) => {
    const detail = /^\d{1,15}$/.test(req.params.id) ? ctx.journal.detail(Number(req.params.id)) : null;
    if (detail === null) fail(res, 404, 'not_found', `no journal entry ${req.params.id} (the journal keeps the latest ${ctx.journal.capacity})`);
    else res.json(detail);
  });

  router.delete('/journal', (_req, res) => {
    res.json({ cleared: ctx.journal.clear() });
  });

  router.post('/reset', (req: Request, res) => {
    const body: unknown = req.body;
    const fromBody = typeof body === 'object' && body !== null && 'session' in body ? body.session : undefined;
    const session = typeof req.query['session'] === 'string' ? req.query['session'] : fromBody;
    if (session !== undefined && typeof session !== 'string') {
      fail(res, 400, 'invalid_query', 'session must be a string', [{ path: 'session', message: 'expected a string' }]);
      return;
    }
    // Like WireMock's reset: the session's whole memory, counters and mock state.
    ctx.config.resetCounters(session);
    ctx.config.states.reset(session);
    res.json({ ok: true, session: session ?? null });
  });

  addStateRoutes(router, ctx.config.states);

  router.use((req, res) => {
    fail(
      res,
      404,
      'not_found',
      `no admin endpoint ${req.method} ${ADMIN_PREFIX}${req.path}; there are GET health, GET|PUT config, GET routes, GET|PATCH routes/:id, GET|DELETE journal, POST reset, GET|PUT state, POST state/reset`,
    );
  });

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 500;
    const message = error instanceof Error ? error.message : String(error);
    if (status >= 400 && status < 500) fail(res, status, 'invalid_json', `bad request body: ${message}`);
    else fail(res, 500, 'internal', `admin error: ${message}`);
  });

  return router;
}
