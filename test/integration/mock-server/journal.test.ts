import { describe, expect, it } from 'vitest';
import { MockJournalEntry } from '../../../main/api/routes/mocks';
import { eventually, expectAnswer, json, send } from './http-exchange';
import { useMockServers } from './mock-fixture';

const start = useMockServers();

const routes = [
  { id: 'order_status', path: '/orders/:id', latency: { fixed: 20 }, responses: [{ body: { id: '{{params.id}}' } }] },
  { id: 'create_order', method: 'POST' as const, path: '/orders', responses: [{ status: 201, body: { order: '{{body.order}}' } }] },
  { id: 'slow', path: '/slow', latency: { fixed: 500 }, responses: [{ body: {} }] },
];

describe('request journal', () => {
  it('records time, route, session, module, latency, status, bytes and duration', async () => {
    const server = await start(routes);
    const seen: MockJournalEntry[] = [];
    server.onJournal((e) => seen.push(e));
    const before = Date.now();
    expectAnswer(await send(`${server.url}/orders/7?lang=de`, { headers: { 'x-flowbench-session': 'run-1', 'x-flowbench-module': 'lookup' } }));
    await eventually(() => seen.length === 1);
    const entry = MockJournalEntry.parse(seen[0]);
    expect(entry).toMatchObject({
      id: 1,
      method: 'GET',
      path: '/orders/7',
      query: { lang: 'de' },
      routeId: 'order_status',
      n: 1,
      session: 'run-1',
      module: 'lookup',
      latencyMs: 20,
      fault: null,
      status: 200,
      bytes: '{"id":"7"}'.length,
      clientGaveUp: false,
      proxied: false,
    });
    expect(entry.durationMs).toBeGreaterThanOrEqual(19);
    expect(Date.parse(entry.time)).toBeGreaterThanOrEqual(before - 5);
    expect(server.journal.entries()).toEqual(seen);
  });

  it('reads a JSON body for templates', async () => {
    const server = await start(routes);
    const answer = await send(`${server.url}/orders`, { method: 'POST', body: JSON.stringify({ order: 'A-1' }) });
    expect(json(answer)).toEqual({ order: 'A-1' });
  });

  it('flags a client that gave up before the answer (a bot timeout)', async () => {
    const server = await start(routes);
    const result = await send(`${server.url}/slow`, { timeoutMs: 100, headers: { 'x-flowbench-session': 'bot' } });
    expect(result.kind).toBe('error');
    await eventually(() => server.journal.size === 1);
    const [entry] = server.journal.entries();
    expect(entry).toMatchObject({ routeId: 'slow', status: null, clientGaveUp: true, session: 'bot', bytes: 0 });
    expect(entry?.durationMs).toBeLessThan(400);
  });

  it('answers an unmatched request with 404 and the closest routes with reasons', async () => {
    const server = await start(routes);
    const answer = expectAnswer(await send(`${server.url}/order/7`, { method: 'POST' }));
    expect(answer.status).toBe(404);
    const body = JSON.parse(answer.text) as { error: string; closest: { routeId: string; reasons: string[] }[] };
    expect(body.error).toBe('no_route');
    expect(body.closest[0]).toEqual({
      routeId: 'create_order',
      method: 'POST',
      path: '/orders',
      reasons: ['path /order/7 does not match /orders'],
    });
    expect(body.closest[1]?.routeId).toBe('order_status');
    expect(body.closest[1]?.reasons).toContain('method is GET, not POST');
    await eventually(() => server.journal.size === 1);
    expect(server.journal.entries()[0]).toMatchObject({ routeId: null, status: 404, n: null });
  });

  it('keeps only the configured number of entries', async () => {
    const server = await start(routes, { journalSize: 3 });
    for (let i = 0; i < 5; i++) await send(`${server.url}/orders/${i}`);
    await eventually(() => server.journal.total === 5);
    expect(server.journal.entries().map((e) => e.path)).toEqual(['/orders/2', '/orders/3', '/orders/4']);
  });

  it('does not journal admin calls, and admin paths are never mock routes', async () => {
    const server = await start([{ id: 'greedy', path: '/{*rest}', responses: [{ body: 'mock' }] }]);
    expect(json(await send(`${server.url}/__flowbench/health`))).toMatchObject({ ok: true });
    expect(expectAnswer(await send(`${server.url}/__flowbench/nope`)).status).toBe(404);
    expect(json(await send(`${server.url}/anything`))).toBe('mock');
    await eventually(() => server.journal.total === 1);
    expect(server.journal.entries().map((e) => e.path)).toEqual(['/anything']);
  });

  it('survives bad input: broken JSON bodies, odd escapes, huge bodies', async () => {
    const server = await start(routes, { maxBodyBytes: 1000 });
    const broken = await send(`${server.url}/orders`, { method: 'POST', body: '{"order": ' });
    expect(expectAnswer(broken).status).toBe(201);
    expect(expectAnswer(await send(`${server.url}/orders/%E0%A4%A`)).status).toBe(404);
    const huge = await send(`${server.url}/orders`, { method: 'POST', body: JSON.stringify({ order: 'x'.repeat(5000) }) });
    expect(expectAnswer(huge).status).toBe(413);
    expect(expectAnswer(await send(`${server.url}/orders/1`)).status).toBe(200);
    await eventually(() => server.journal.total === 4);
    expect(server.journal.entries()[0]?.warnings.join(' ')).toContain('not valid JSON');
  });
});
