import { describe, expect, it } from 'vitest';
import { MockExchangeDetail } from '../../../main/api/routes/mocks-exchange';
import { eventually, expectAnswer, send } from './http-exchange';
import { useMockServers } from './mock-fixture';

const start = useMockServers();

const routes = [
  {
    id: 'search',
    method: 'POST',
    path: '/orders/:id/search',
    responses: [{ status: 201, headers: { 'x-order': '{{params.id}}' }, body: { q: '{{query.q}}', lang: '{{headers.x-lang}}', item: '{{body.item}}' } }],
  },
  { id: 'hang', path: '/hang', faults: [{ kind: 'hang', rate: 1 }], responses: [{ body: {} }] },
  { id: 'big', method: 'POST', path: '/big', responses: [{ body: 'ok' }] },
];

describe('journal: each exchange opens to the full request and response', () => {
  it('keeps the query string as sent, the request headers and body, the response status, headers and body', async () => {
    const server = await start(routes);
    const body = JSON.stringify({ item: 'lamp' });
    expectAnswer(await send(`${server.url}/orders/7/search?q=red%20lamp&tag=a&tag=b`, { method: 'POST', body, headers: { 'x-lang': 'de' } }));
    await eventually(() => server.journal.size === 1);
    const [entry] = server.journal.entries();
    // The row itself carries the query string as sent (not decoded).
    expect(entry).toMatchObject({ path: '/orders/7/search', queryString: 'q=red%20lamp&tag=a&tag=b' });
    const detail = MockExchangeDetail.parse(server.journal.detail(entry?.id ?? 0));
    expect(detail.request).toMatchObject({
      method: 'POST',
      url: '/orders/7/search?q=red%20lamp&tag=a&tag=b',
      path: '/orders/7/search',
      queryString: 'q=red%20lamp&tag=a&tag=b',
      // Decoded, in order, a repeated name kept twice.
      query: [
        ['q', 'red lamp'],
        ['tag', 'a'],
        ['tag', 'b'],
      ],
      body: { text: body, bytes: body.length, truncated: false },
    });
    expect(detail.request.headers).toMatchObject({ 'x-lang': 'de', 'content-type': 'application/json' });
    // The template rendered: {"q":"red lamp","lang":"de","item":"lamp"} is 37 characters.
    const sent = '{"q":"red lamp","lang":"de","item":"lamp"}';
    expect(detail.response).toMatchObject({ status: 201, body: { text: sent, bytes: sent.length, truncated: false } });
    expect(detail.response?.headers).toMatchObject({ 'x-order': '7', 'content-length': String(sent.length) });
  });

  it('has no response for a request that got none, and cuts bodies past 64 KB', async () => {
    const server = await start(routes);
    await send(`${server.url}/hang`, { timeoutMs: 100 });
    // 70,000 bytes of body: 65,536 kept (64 × 1024), the size told in full.
    const big = `"${'x'.repeat(69_998)}"`;
    expectAnswer(await send(`${server.url}/big`, { method: 'POST', body: big }));
    await eventually(() => server.journal.size === 2);
    const [hang, posted] = server.journal.entries();
    expect(hang?.queryString).toBeUndefined();
    expect(server.journal.detail(hang?.id ?? 0)).toMatchObject({ request: { url: '/hang', queryString: '', query: [], body: { text: null, bytes: 0 } }, response: null });
    const detail = server.journal.detail(posted?.id ?? 0);
    expect(detail?.request.body).toMatchObject({ bytes: 70_000, truncated: true });
    expect(detail?.request.body.text?.length).toBe(65_536);
  });

  it('forgets details with their entries, and the admin API serves them by id', async () => {
    const server = await start(routes, { journalSize: 1 });
    await send(`${server.url}/hang?a=1`, { timeoutMs: 50 });
    await eventually(() => server.journal.total === 1);
    await send(`${server.url}/hang?a=2`, { timeoutMs: 50 });
    await eventually(() => server.journal.total === 2);
    // A ring of one: #1 is gone, #2 is kept.
    expect(server.journal.detail(1)).toBeNull();
    const admin = await fetch(`${server.url}/__flowbench/journal/2`);
    expect(admin.status).toBe(200);
    expect(await admin.json()).toMatchObject({ id: 2, request: { queryString: 'a=2', query: [['a', '2']] } });
    expect((await fetch(`${server.url}/__flowbench/journal/1`)).status).toBe(404);
    expect((await fetch(`${server.url}/__flowbench/journal/x`)).status).toBe(404);
    server.journal.clear();
    expect(server.journal.detail(2)).toBeNull();
  });
});
