import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { convertMocks } from '../../../main/convert/convert-mocks';
import { diskSources } from '../../../main/convert/source-files';
import { startMockServer } from '../../../mocks/server';
import type { MockServer } from '../../../mocks/server';
import { repoRoot } from '../../support/paths';
import { expectAnswer, json, send } from '../mock-server/http-exchange';

const fixtures = join(repoRoot, 'test', 'fixtures', 'convert');
const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Converts a fixture and serves the result with the real mock server on a free port. */
async function serve(fixture: string): Promise<MockServer> {
  const result = await convertMocks(await diskSources(fixture, fixtures));
  const server = await startMockServer({ mocks: result.mocks });
  servers.push(server);
  return server;
}

describe('converted OpenAPI served over real HTTP', () => {
  it('the example answers; Prefer picks another documented status or a named example; XML and text bodies keep their type', async () => {
    const server = await serve('openapi');
    const order = expectAnswer(await send(`${server.url}/v1/orders/A-9`));
    expect([order.status, JSON.parse(order.text), order.headers['x-rate-limit']]).toEqual([200, { id: 'A-1', state: 'shipped', eta: 'tomorrow' }, '100']);
    const missing = expectAnswer(await send(`${server.url}/v1/orders/A-9`, { headers: { prefer: 'code=404' } }));
    expect([missing.status, JSON.parse(missing.text)]).toEqual([404, { code: 404, message: 'not found' }]);
    expect(json(await send(`${server.url}/v1/orders`, { method: 'POST', headers: { prefer: 'example=large' }, body: '{}' }))).toEqual({ id: 'L-1', items: 40 });
    const invoice = expectAnswer(await send(`${server.url}/v1/orders/A-9/invoice`));
    expect([invoice.headers['content-type'], invoice.text]).toEqual(['application/xml', '<invoice>\n  <total>9.5</total>\n</invoice>\n']);
    expect(expectAnswer(await send(`${server.url}/v1/orders/A-9/label`)).text).toBe('ORDER A-1');
    expect(json(await send(`${server.url}/api/pets/7`))).toEqual({ id: 7, name: 'Rex' });
    expect(expectAnswer(await send(`${server.url}/api/pets/7`, { method: 'DELETE' })).status).toBe(204);
  });
});

describe('converted Mockoon environment served over real HTTP', () => {
  it('rules, templates, the environment + response latency (100 + 200 ms)', async () => {
    const server = await serve('mockoon/shop.mockoon.json');
    const plain = expectAnswer(await send(`${server.url}/api/orders/12`, { headers: { 'x-lang': 'de' } }));
    expect(JSON.parse(plain.text)).toEqual({ id: '12', state: 'shipped', lang: 'de', who: '' });
    expect(plain.headers['x-env']).toBe('mockoon');
    // The route's latency is fixed 300 ms; a loaded machine only makes it later.
    expect(plain.ms).toBeGreaterThanOrEqual(295);
    expect(expectAnswer(await send(`${server.url}/api/orders/404`)).status).toBe(404);
    expect(json(await send(`${server.url}/api/orders/1?vip=1`, { headers: { 'x-tier': 'gold' } }))).toEqual({ vip: true });
    expect(expectAnswer(await send(`${server.url}/api/orders/1`, { method: 'GET', headers: { 'content-type': 'application/json' } })).status).toBe(200);
  });

  it('sequential responses in turn (per session); method all; a file body; text', async () => {
    const server = await serve('mockoon/shop.mockoon.json');
    const poll = async () => json(await send(`${server.url}/api/poll`, { headers: { 'x-flowbench-session': 'p' } }));
    expect([await poll(), await poll(), await poll(), await poll()]).toEqual([{ state: 'pending' }, { state: 'pending' }, { state: 'ready' }, { state: 'pending' }]);
    expect(json(await send(`${server.url}/api/echo`, { method: 'PATCH', body: '{}' }))).toEqual({ method: 'PATCH' });
    expect(json(await send(`${server.url}/api/file`))).toEqual({ id: 'F-1', state: 'from a file' });
    const text = expectAnswer(await send(`${server.url}/api/text`));
    expect([text.headers['content-type'], text.text]).toEqual(['text/plain', 'plain words']);
  });
});

describe('converted WireMock mappings served over real HTTP', () => {
  it('scenario states move as WireMock’s do: pending, pending, ready; per session; the admin API resets them', async () => {
    const server = await serve('wiremock');
    const status = async (session: string) => json(await send(`${server.url}/status/42`, { headers: { 'x-flowbench-session': session } }));
    expect([await status('a'), await status('a'), await status('a'), await status('a')]).toEqual([{ state: 'pending' }, { state: 'pending' }, { state: 'ready' }, { state: 'ready' }]);
    expect(await status('b')).toEqual({ state: 'pending' });
    expectAnswer(await send(`${server.url}/__flowbench/state/reset?session=a`, { method: 'POST' }));
    expect(await status('a')).toEqual({ state: 'pending' });
  });

  it('faults: reset, empty, malformed, slow_body (chunked dribble)', async () => {
    const server = await serve('wiremock');
    expect(await send(`${server.url}/fault/reset`)).toMatchObject({ kind: 'error', code: 'ECONNRESET' });
    expect(await send(`${server.url}/fault/empty`)).toMatchObject({ kind: 'error', message: 'socket hang up' });
    const malformed = expectAnswer(await send(`${server.url}/fault/random`));
    expect(() => JSON.parse(malformed.text) as unknown).toThrow();
    const dribble = expectAnswer(await send(`${server.url}/dribble`));
    expect(JSON.parse(dribble.text)).toEqual({ slow: 'body' });
    expect(dribble.ms).toBeGreaterThanOrEqual(395);
    expect(dribble.pieceTimes.length).toBeGreaterThanOrEqual(2);
  });

  it('latency: fixed 300 ms; uniform between 100 and 200 ms', async () => {
    const server = await serve('wiremock');
    const order = expectAnswer(await send(`${server.url}/orders/7`, { headers: { accept: 'application/json', 'x-lang': 'fr' } }));
    expect(JSON.parse(order.text)).toEqual({ id: '7', state: 'shipped', lang: 'fr', token: '' });
    expect(order.ms).toBeGreaterThanOrEqual(295);
    const uniform = expectAnswer(await send(`${server.url}/slow/uniform`));
    expect(uniform.ms).toBeGreaterThanOrEqual(95);
    await expect.poll(() => server.journal.entries().find((e) => e.path === '/slow/uniform')?.latencyMs).toBeGreaterThanOrEqual(100);
    expect(server.journal.entries().find((e) => e.path === '/slow/uniform')?.latencyMs).toBeLessThanOrEqual(200);
  });

  it('request matching: path parameter regex, query, body patterns, priority, basic auth, body files', async () => {
    const server = await serve('wiremock');
    expect(expectAnswer(await send(`${server.url}/orders/abc`, { headers: { accept: 'application/json' } })).status).toBe(404);
    expect(json(await send(`${server.url}/search?q=shoes&size=9`))).toEqual({ hits: 3 });
    expect(expectAnswer(await send(`${server.url}/search?q=shoes`)).status).toBe(404);
    expect(json(await send(`${server.url}/customers/ann/orders?page=2`))).toEqual({ page: 2 });
    expect(expectAnswer(await send(`${server.url}/customers/ann/orders?page=2&sort=asc`)).status).toBe(404);
    const refund = expectAnswer(await send(`${server.url}/refunds`, { method: 'POST', body: JSON.stringify({ order: '7', reason: 'broken', customer: { id: 1 } }) }));
    expect([refund.status, JSON.parse(refund.text)]).toEqual([201, { refund: 'R-1', order: '7' }]);
    expect(expectAnswer(await send(`${server.url}/refunds`, { method: 'POST', body: JSON.stringify({ order: '7' }) })).status).toBe(400);
    expect(expectAnswer(await send(`${server.url}/basic`, { headers: { authorization: 'Basic YW5uOnMzY3JldA==', 'x-user': 'ann' } })).status).toBe(200);
    expect(expectAnswer(await send(`${server.url}/basic`)).status).toBe(404);
    expect(json(await send(`${server.url}/files-on-disk/7`))).toEqual({ id: '7', state: 'shipped', source: '__files/order-7.json' });
    expect(expectAnswer(await send(`${server.url}/files/a/b.txt`)).text).toBe('a file');
  });
});

describe('converted HAR served over real HTTP', () => {
  it('answers in the recorded order with the recorded latencies (400 ms, then 1200 ms)', async () => {
    const server = await serve('har/shop.har');
    const first = expectAnswer(await send(`${server.url}/orders/12345`, { headers: { 'x-flowbench-session': 'h' } }));
    expect([first.status, JSON.parse(first.text), first.ms >= 395]).toEqual([200, { id: '12345', state: 'shipped' }, true]);
    const second = expectAnswer(await send(`${server.url}/orders/12345`, { headers: { 'x-flowbench-session': 'h' } }));
    expect([second.status, second.ms >= 1195]).toEqual([503, true]);
  });
});
