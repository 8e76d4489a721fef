import type { Request, Response, Router } from 'express';
import { MockState } from '../../main/api/formats/mocks';
import { zodIssues } from '../../main/api/validate';
import { StateTooLargeError } from '../core';
import type { MockStates } from '../core';

/** `?session=` or `{ "session": … }`: undefined when absent, an error text when not a string. */
export function sessionOf(req: Request): { session: string | undefined } | { error: string } {
  const query = req.query['session'];
  if (query !== undefined) return typeof query === 'string' ? { session: query } : { error: 'session must be a string' };
  const body: unknown = req.body;
  const fromBody = typeof body === 'object' && body !== null && !Array.isArray(body) && 'session' in body ? body.session : undefined;
  if (fromBody === undefined) return { session: undefined };
  return typeof fromBody === 'string' ? { session: fromBody } : { error: 'session must be a string' };
}

function badSession(res: Response, message: string): void {
  res.status(400).json({ error: 'invalid_query', message, issues: [{ path: 'session', message: 'expected a string' }] });
}

/**
 * The mock state admin API (SPEC §7.3): `GET|PUT /state?session=…`, `POST /state/reset`.
 * The session `''` (or no `session`) is the one of requests without `x-flowbench-session`.
 */
export function addStateRoutes(router: Router, states: MockStates): void {
  router.get('/state', (req, res) => {
    const which = sessionOf(req);
    if ('error' in which) {
      badSession(res, which.error);
      return;
    }
    if (which.session === undefined) {
      res.json({ initial: states.initial, sessions: states.list().map((s) => ({ ...s, changed: true })) });
      return;
    }
    res.json({ session: which.session, state: states.get(which.session), changed: states.has(which.session), initial: states.initial });
  });

  router.put('/state', (req, res) => {
    const query = req.query['session'];
    if (query !== undefined && typeof query !== 'string') {
      badSession(res, 'session must be a string');
      return;
    }
    const session = query ?? '';
    const parsed = MockState.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        error: 'invalid_state',
        message: 'expected the whole state as a JSON object of named values, e.g. {"order": "ready"}; the state is unchanged',
        issues: zodIssues(parsed.error),
      });
      return;
    }
    try {
      res.json({ ok: true, session, state: states.set(session, parsed.data) });
    } catch (error) {
      if (!(error instanceof StateTooLargeError)) throw error;
      res.status(400).json({ error: 'invalid_state', message: `${error.message}; the state is unchanged` });
    }
  });

  router.post('/state/reset', (req, res) => {
    const which = sessionOf(req);
    if ('error' in which) {
      badSession(res, which.error);
      return;
    }
    states.reset(which.session);
    res.json({ ok: true, session: which.session ?? null });
  });
}
