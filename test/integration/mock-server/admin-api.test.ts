import { describe, expect, it } from 'vitest';
import { eventually, expectAnswer, json, send } from './http-exchange';
import { useMockServers } from './mock-fixture';

const start = useMockServers();
const routes = [
  { id: 'order_status', path: '/orders/:id', responses: [{ body: { state: 'shipped' } }] },
  { id: 'refund', method: 'POST' as const, path: '/refunds', responses: [{ status: 201, body: {} }] },
];

function admin(base: string, path: string, method = 'GET', body?: unknown) {
  return send(`${base}/__flowbench${path}`, { method, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
}

describe('admin API', () => {
  it('reports health and the config', async () => {
    const server = await start(routes);
    expect(json(await admin(server.url, '/health'))).toMatchObject({ ok: true, seed: 7, routes: 2 });
    expect(json(await admin(server.url, '/config'))).toEqual(server.config());
    expect(json(await admin(server.url, '/routes'))).toMatchObject({
      routes: [{ id: 'order_status', latency: 'fixed 0 ms', faults: [] }, { id: 'refund', method: 'POST' }],
    });
  });

  it('a patch takes effect on the next request', async () => {
    const server = await start(routes);
    expect(expectAnswer(await send(`${server.url}/orders/1`)).status).toBe(200);
    const patched = await admin(server.url, '/routes/order_status', 'PATCH', {
      latency: { fixed: 120 },
      faults: [{ kind: 'status', status: 503, nth: [2] }],
      responses: [{ status: 200, body: { state: 'delayed' } }],
    });
    expect(expectAnswer(patched).status).toBe(200);
    const next = expectAnswer(await send(`${server.url}/orders/1`));
    expect(next.status).toBe(503); // the counters carry on: this is request 2
    expect(next.ms).toBeGreaterThanOrEqual(119);
    expect(json(await send(`${server.url}/orders/1`))).toEqual({ state: 'delayed' });
    expect(server.config().routes[0]?.latency).toEqual({ fixed: 120 });
  });

  it('refuses a bad patch with the issue paths and keeps the route', async () => {
    const server = await start(routes);
    const bad = expectAnswer(await admin(server.url, '/routes/order_status', 'PATCH', { latency: { fixed: -5 }, faults: [{ kind: 'explode', rate: 1 }] }));
    expect(bad.status).toBe(400);
    const body = JSON.parse(bad.text) as { error: string; issues: { path: string }[] };
    expect(body.error).toBe('invalid_patch');
    expect(body.issues.map((i) => i.path).sort()).toEqual(['faults[0].kind', 'latency.fixed']);
    const badCel = expectAnswer(await admin(server.url, '/routes/order_status', 'PATCH', { responses: [{ when: 'params.id ==', body: 1 }] }));
    expect(badCel.status).toBe(400);
    expect((JSON.parse(badCel.text) as { issues: { path: string }[] }).issues[0]?.path).toBe('responses[0].when');
    expect(expectAnswer(await admin(server.url, '/routes/nope', 'PATCH', { latency: { fixed: 1 } })).status).toBe(404);
    expect(expectAnswer(await admin(server.url, '/routes/order_status', 'PATCH', '{not json')).status).toBe(400);
    expect(json(await send(`${server.url}/orders/1`))).toEqual({ state: 'shipped' });
    expect(server.config().routes[0]?.latency).toEqual({ fixed: 0 });
  });

  it('replaces the config, and refuses an invalid one with paths, keeping the old', async () => {
    const server = await start(routes);
    const good = { format: 'flowbench.mocks/1', routes: [{ id: 'hello', path: '/hello', responses: [{ body: 'hi' }] }] };
    expect(expectAnswer(await admin(server.url, '/config', 'PUT', good)).status).toBe(200);
    expect(json(await send(`${server.url}/hello`))).toBe('hi');
    expect(expectAnswer(await send(`${server.url}/orders/1`)).status).toBe(404);

    const bad = {
      format: 'flowbench.mocks/1',
      routes: [
        { id: 'x', path: '/x', latency: { lognormal: { medianMs: 10 } }, responses: [] },
        { id: 'y', path: '/y', responses: [{ body: 1 }] },
        { id: 'y', path: '/z', responses: [{ body: 1 }] },
      ],
    };
    const refused = expectAnswer(await admin(server.url, '/config', 'PUT', bad));
    expect(refused.status).toBe(400);
    const body = JSON.parse(refused.text) as { error: string; message: string; issues: { path: string }[] };
    expect(body.error).toBe('invalid_config');
    expect(body.message).toContain('previous config stays');
    expect(body.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['routes[0].latency.lognormal.p99Ms', 'routes[0].responses', 'routes[2].id']));
    expect(json(await send(`${server.url}/hello`))).toBe('hi');
    expect(expectAnswer(await admin(server.url, '/config', 'PUT', '[1,2')).status).toBe(400);
    expect(json(await send(`${server.url}/hello`))).toBe('hi');
  });

  it('reads the journal with filters and clears it', async () => {
    const server = await start(routes);
    await send(`${server.url}/orders/1`, { headers: { 'x-flowbench-session': 'a' } });
    await send(`${server.url}/orders/2`, { headers: { 'x-flowbench-session': 'b' } });
    await send(`${server.url}/refunds`, { method: 'POST', headers: { 'x-flowbench-session': 'a' } });
    await send(`${server.url}/missing`);
    await eventually(() => server.journal.total === 4);
    type Page = { entries: { path: string; id: number }[]; total: number };
    const get = async (q: string) => json(await admin(server.url, `/journal${q}`)) as Page;
    expect((await get('')).entries.map((e) => e.path)).toEqual(['/orders/1', '/orders/2', '/refunds', '/missing']);
    expect((await get('?session=a')).entries.map((e) => e.path)).toEqual(['/orders/1', '/refunds']);
    expect((await get('?route=order_status&limit=1')).entries.map((e) => e.path)).toEqual(['/orders/2']);
    expect((await get('?status=4xx')).entries.map((e) => e.path)).toEqual(['/missing']);
    expect((await get('?status=201')).entries.map((e) => e.path)).toEqual(['/refunds']);
    expect((await get('?after=2')).entries.map((e) => e.id)).toEqual([3, 4]);
    expect((await get(`?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).entries).toEqual([]);
    const badFilter = expectAnswer(await admin(server.url, '/journal?limit=lots'));
    expect(badFilter.status).toBe(400);
    expect((JSON.parse(badFilter.text) as { issues: { path: string }[] }).issues[0]?.path).toBe('limit');
    expect(json(await admin(server.url, '/journal', 'DELETE'))).toEqual({ cleared: 4 });
    expect((await get('')).entries).toEqual([]);
  });

  it('resets the counters of one session or all', async () => {
    const server = await start([{ id: 'seq', path: '/seq', pick: 'sequence', responses: [{ body: 1 }, { body: 2 }, { body: 3 }] }]);
    const next = async (session: string) => json(await send(`${server.url}/seq`, { headers: { 'x-flowbench-session': session } }));
    expect([await next('a'), await next('a'), await next('b')]).toEqual([1, 2, 1]);
    expect(json(await admin(server.url, '/reset', 'POST', { session: 'a' }))).toEqual({ ok: true, session: 'a' });
    expect([await next('a'), await next('b')]).toEqual([1, 2]);
    expect(json(await admin(server.url, '/reset', 'POST'))).toEqual({ ok: true, session: null });
    expect([await next('a'), await next('b')]).toEqual([1, 1]);
  });
});
