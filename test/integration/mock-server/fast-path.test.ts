import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockJournalEntry } from '../../../main/api/routes/mocks';
import type { MockServer } from '../../../mocks/server';
import { LiveConfig } from '../../../mocks/server/live-config';
import { createRequestListener } from '../../../mocks/server/request-listener';
import { eventually, expectAnswer, json, send } from './http-exchange';
import type { HttpAnswer, HttpFailure, SendOptions } from './http-exchange';
import { mocksFile, useMockServers } from './mock-fixture';

const start = useMockServers();

/** Every kind of answer the mock handler gives: templates, rules, picks, faults, 404s, 413s. */
const ROUTES = [
  {
    id: 'order',
    path: '/orders/:id',
    latency: { uniform: [0, 15] },
    faults: [
      { kind: 'status', status: 503, nth: [2], body: { error: 'busy' }, headers: { 'retry-after': '1' } },
      { kind: 'status', status: 429, rate: 0.2 },
      { kind: 'malformed', nth: [4] },
      { kind: 'slow_body', ms: 60, nth: [5] },
      { kind: 'reset', nth: [6] },
      { kind: 'empty', nth: [7] },
    ],
    responses: [
      { when: "params.id == '404'", status: 404, body: { error: 'not found', id: '{{params.id}}' } },
      { headers: { 'x-lang': '{{headers.x-lang}}', 'x-q': 'q={{query.q}}' }, body: { id: '{{params.id}}', q: '{{query.q}}', gone: '{{query.nope}}' } },
    ],
  },
  {
    id: 'refund',
    method: 'POST',
    path: '/refunds',
    responses: [
      { when: 'body.amount > 100', status: 422, body: { error: 'too much', amount: '{{body.amount}}' } },
      { status: 201, body: { order: '{{body.order}}' } },
    ],
  },
  { id: 'poll', path: '/poll', pick: 'sequence', responses: [{ status: 202, body: 'wait' }, { status: 200, body: 'done' }] },
  { id: 'text', path: '/text', responses: [{ headers: { 'content-type': 'text/plain; charset=utf-8', 'x-name': '{{query.name}}' }, body: 'hello {{query.name}}' }] },
  { id: 'weighted', path: '/pick', pick: 'random', responses: [{ weight: 1, body: 'a' }, { weight: 3, body: 'b' }] },
  { id: 'no_match', path: '/picky', responses: [{ when: "query.x == 'y'", body: 'y' }] },
  { id: 'hang', path: '/hang', faults: [{ kind: 'hang', rate: 1 }], responses: [{ body: 1 }] },
];

interface Step {
  path: string;
  options?: SendOptions;
}

const session = (s: string, module = 'lookup'): Record<string, string> => ({ 'x-flowbench-session': s, 'x-flowbench-module': module });
const post = (body: string, headers: Record<string, string> = {}): SendOptions => ({ method: 'POST', body, headers });

/** The same requests, in the same order, against each server. */
const STEPS: Step[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ path: `/orders/${i + 1}?q=a%20b&x=1`, options: { headers: { 'x-lang': 'de', ...session('s1') } } })),
  { path: '/orders/404', options: { headers: session('s2') } },

  { path: '/orders/%E0%A4%A' }, // a broken %-escape matches no route
  { path: '/orders/7', options: { headers: { 'x-flowbench-time-scale': '0.5', ...session('scaled') } } },
  { path: '/refunds', options: post(JSON.stringify({ order: 'A1', amount: 5 }), session('s1', 'refund')) },
  { path: '/refunds', options: post(JSON.stringify({ order: 'A2', amount: 500 }), session('s1', 'refund')) },
  { path: '/refunds', options: post(JSON.stringify({ order: 'A3', amount: 5 }), session('s1', 'refund')) },
  { path: '/refunds', options: post('{"order": "A4", nope', session('s1', 'refund')) }, // says JSON, is not: a warning
  { path: '/refunds', options: post('x'.repeat(3000), session('s1', 'refund')) }, // over maxBodyBytes: 413
  { path: '/refunds', options: { method: 'GET' } }, // wrong method: 404 with the closest routes
  ...Array.from({ length: 3 }, () => ({ path: '/poll', options: { headers: session('s4', 'poll') } })),
  { path: '/text?name=W%C3%B6rld' },
  { path: '/text?name=%0D%0Aset-cookie:%20evil' }, // a header template cannot split the header: 500
  ...Array.from({ length: 6 }, () => ({ path: '/pick' })),
  { path: '/picky?x=z' }, // the route matches, no response does: 404 no_response
  { path: '/nowhere/at/all' },
  { path: '/hang', options: { timeoutMs: 150, headers: session('s3') } },
];

type Outcome = { kind: 'answer'; status: number; headers: Record<string, unknown>; text: string } | { kind: 'error'; code: string };

/** What a client can see, without the clock (the date header). */
function outcome(result: HttpAnswer | HttpFailure): Outcome {
  if (result.kind === 'error') return { kind: 'error', code: result.code };
  const { date: _date, ...headers } = result.headers;
  return { kind: 'answer', status: result.status, headers, text: result.text };
}

/** A journal entry without its timing (arrival time, duration). */
function timeless(entry: MockJournalEntry): Omit<MockJournalEntry, 'time' | 't' | 'durationMs'> {
  const { time: _time, t: _t, durationMs: _durationMs, ...rest } = entry;
  return rest;
}

async function runSteps(server: MockServer): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const step of STEPS) outcomes.push(outcome(await send(`${server.url}${step.path}`, step.options)));
  return outcomes;
}

describe('the fast path (node:http) and the Express path serve mock routes alike', () => {
  it('gives the same status, headers, body, socket faults and journal entries for the same requests', async () => {
    const fast = await start(ROUTES, { seed: 99, maxBodyBytes: 2048 });
    const viaExpress = await start(ROUTES, { seed: 99, maxBodyBytes: 2048, fastPath: false });
    const fastOutcomes = await runSteps(fast);
    const expressOutcomes = await runSteps(viaExpress);
    expect(fastOutcomes).toEqual(expressOutcomes);

    // The set really covers what it claims: every fault kind, 2xx/4xx/5xx, text and JSON.
    const statuses = new Set(fastOutcomes.map((o) => (o.kind === 'answer' ? o.status : o.code)));
    for (const seen of [200, 201, 202, 404, 413, 422, 500, 503, 'ECONNRESET', 'CLIENT_TIMEOUT']) expect(statuses).toContain(seen);

    await eventually(() => fast.journal.total === STEPS.length && viaExpress.journal.total === STEPS.length);
    const fastJournal = fast.journal.entries();
    expect(fastJournal.map(timeless)).toEqual(viaExpress.journal.entries().map(timeless));
    const faults = new Set(fastJournal.map((e) => e.fault));
    for (const kind of ['status', 'malformed', 'slow_body', 'reset', 'empty', 'hang', null]) expect(faults).toContain(kind);
    // Per-session counters: s1's order requests are numbered 1…12, the other sessions start at 1.
    expect(fastJournal.filter((e) => e.routeId === 'order' && e.session === 's1').map((e) => e.n)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(fastJournal.find((e) => e.session === 'scaled')).toMatchObject({ routeId: 'order', n: 1 });
    expect(fastJournal.filter((e) => e.warnings.length > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('applies the same latency on both paths (time scale included)', async () => {
    const routes = [{ id: 'slow', path: '/slow/:id', latency: { fixed: 120 }, responses: [{ body: { id: '{{params.id}}' } }] }];
    for (const fastPath of [true, false]) {
      const server = await start(routes, { fastPath });
      const whole = expectAnswer(await send(`${server.url}/slow/1`));
      const scaled = expectAnswer(await send(`${server.url}/slow/2`, { headers: { 'x-flowbench-time-scale': '0.5' } }));
      // 120 ms, and 120 × 0.5 = 60 ms at time scale 0.5; timers never fire early (1 ms rounding).
      expect(whole.ms).toBeGreaterThanOrEqual(119);
      expect(scaled.ms).toBeGreaterThanOrEqual(59);
      await eventually(() => server.journal.total === 2);
      expect(server.journal.entries().map((e) => e.latencyMs)).toEqual([120, 60]);
    }
  });

  it('serves a route added or removed by the admin API on the next request', async () => {
    const server = await start([{ id: 'a', path: '/a', responses: [{ body: 'a' }] }]);
    expect(json(await send(`${server.url}/b`))).toMatchObject({ error: 'no_route' });
    const put = await send(`${server.url}/__flowbench/config`, {
      method: 'PUT',
      body: JSON.stringify({ format: 'flowbench.mocks/1', routes: [{ id: 'b', path: '/b', responses: [{ body: 'b' }] }] }),
    });
    expect(expectAnswer(put).status).toBe(200);
    expect(json(await send(`${server.url}/b`))).toBe('b');
    expect(json(await send(`${server.url}/a`))).toMatchObject({ error: 'no_route', closest: [{ routeId: 'b' }] });
  });
});

describe('the request listener', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('sends matched mock requests straight to the mock handler, the admin API and everything else through Express', async () => {
    const config = new LiveConfig(mocksFile([{ id: 'order', path: '/orders/:id', responses: [{ body: 1 }] }, { id: 'refund', method: 'POST', path: '/refunds', responses: [{ body: 2 }] }]));
    const seen: string[] = [];
    const answer = (by: string) => (req: IncomingMessage, res: ServerResponse) => {
      seen.push(`${by} ${req.method ?? ''} ${req.url ?? ''}`);
      res.end(by);
    };
    const app: RequestListener = answer('express');
    const listener = createRequestListener({ config, mock: answer('mock'), app, fastPath: true });
    const server = createServer(listener);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const requests: [string, SendOptions][] = [
      ['/orders/1?x=1', {}],
      ['/orders/1/items', {}],
      ['/refunds', { method: 'POST', body: '{}' }],
      ['/refunds', {}],
      ['/__flowbench/journal', {}],
      ['/__flowbench', {}],
      ['/__flowbenchx/orders/1', {}],
    ];
    for (const [path, options] of requests) expectAnswer(await send(`${url}${path}`, options));
    expect(seen).toEqual([
      'mock GET /orders/1?x=1',
      'express GET /orders/1/items',
      'mock POST /refunds',
      'express GET /refunds',
      'express GET /__flowbench/journal',
      'express GET /__flowbench',
      'express GET /__flowbenchx/orders/1',
    ]);
  });
});
