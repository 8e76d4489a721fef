import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { expectAnswer, json, send } from './http-exchange';
import { useMockServers } from './mock-fixture';
import { openSocket, parseResponses, rawExchange } from './raw-http';

const start = useMockServers();
const ROUTES = [
  { id: 'order', path: '/orders/:id', responses: [{ body: { id: '{{params.id}}' } }] },
  { id: 'refund', method: 'POST', path: '/refunds', responses: [{ status: 201, body: '{{body.order}}' }] },
  { id: 'hang', path: '/hang/:n', faults: [{ kind: 'hang', rate: 1 }], responses: [{ body: 1 }] },
];
/** Short limits so that the tests wait little; Node checks them every headersTimeoutMs / 4. */
const LIMITS = { headersTimeoutMs: 300, requestTimeoutMs: 600 };
/**
 * Upper bounds on a busy 2-core machine, against a hang rather than a measurement: the limits
 * are 300/600 ms, the bounds 15 times the longest; what they guard is that the timeouts fire
 * at all, and the lower bounds (never early) are the precise side.
 */
const GENEROUS_MS = 10_000;
/**
 * The 5,000-connection test: every step (5,000 sockets accepted, all closed by close())
 * must end, and on a loaded machine a step over 5,000 sockets takes seconds; 30 s each,
 * within the test's 120 s, is the only bound its purpose needs (hanging would be forever).
 */
const BULK_MS = 30_000;

describe('slow clients are bounded by the headers and request timeouts', () => {
  it('headers trickled in (slowloris): 408 once the headers timeout passes, and the server keeps serving', async () => {
    const server = await start(ROUTES, { limits: LIMITS });
    const raw = await rawExchange(server.url, ['GET /orders/1 HTTP/1.1\r\n', 'Host: x\r\n']);
    expect(raw.error).toBeNull();
    const [answer, ...more] = parseResponses(raw.text);
    expect(more).toEqual([]);
    expect(answer?.statusLine).toBe('HTTP/1.1 408 Request Timeout');
    expect(JSON.parse(answer?.body ?? '')).toMatchObject({ error: 'request_timeout', status: 408 });
    // Node measures from the request's first byte and checks on an interval: never early.
    expect(raw.ms).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs - 5);
    expect(raw.ms).toBeLessThan(GENEROUS_MS);
    expect(json(await send(`${server.url}/orders/2`))).toEqual({ id: '2' });
  });

  it('a connection that never sends a byte is closed without an answer', async () => {
    const server = await start(ROUTES, { limits: LIMITS });
    const raw = await rawExchange(server.url, []);
    expect(raw).toMatchObject({ text: '', error: null });
    expect(raw.ms).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs - 5);
    expect(raw.ms).toBeLessThan(GENEROUS_MS);
  });

  it('a body trickled in: 408 once the request timeout passes; the journal says the body was cut', async () => {
    const server = await start(ROUTES, { limits: LIMITS });
    const raw = await rawExchange(server.url, ['POST /refunds HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n{"or']);
    const [answer] = parseResponses(raw.text);
    expect(answer?.statusLine).toBe('HTTP/1.1 408 Request Timeout');
    expect(raw.ms).toBeGreaterThanOrEqual(LIMITS.requestTimeoutMs - 5);
    expect(raw.ms).toBeLessThan(GENEROUS_MS);
    await expect.poll(() => server.journal.entries().map((e) => [e.method, e.status, e.warnings])).toEqual([['POST', null, ['cannot read the request body: aborted']]]);
  });

  it('5,000 hanging requests stay open past both timeouts, others are answered meanwhile, close() ends them all', async () => {
    const COUNT = 5000;
    // Longer limits here: opening 5,000 connections on a busy machine must not look slow to the server.
    const server = await start(ROUTES, { limits: { headersTimeoutMs: 1500, requestTimeoutMs: 2000 } });
    const sockets: Socket[] = [];
    for (let i = 0; i < COUNT; i += 250) {
      const batch = Array.from({ length: Math.min(250, COUNT - i) }, (_, k) => openSocket(server.url, `GET /hang/${i + k} HTTP/1.1\r\nHost: x\r\n\r\n`));
      sockets.push(...(await Promise.all(batch)));
    }
    let closedEarly = sockets.filter((s) => s.destroyed).length;
    let answered = 0;
    for (const socket of sockets) {
      socket.on('data', () => answered++);
      socket.on('error', () => undefined);
      socket.once('close', () => closedEarly++);
    }
    await expect.poll(() => server.connections(), { timeout: BULK_MS }).toBe(COUNT);

    // A slow client opened after them is cut at the request timeout; by then every hanging
    // connection is older than both timeouts and must still be open.
    const slow = await rawExchange(server.url, ['POST /refunds HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n{']);
    expect(parseResponses(slow.text)[0]?.status).toBe(408);
    expect(closedEarly).toBe(0);
    expect(answered).toBe(0);
    // The slow client's own connection closes too; the hanging ones stay.
    await expect.poll(() => server.connections()).toBe(COUNT);

    // Normal traffic is served meanwhile, at once by the server's clock (the journal's
    // arrival-to-last-byte; the client's round trip also waits for its turn on a busy CPU):
    // 250 ms is far from the timeouts the hanging connections could have made it wait.
    for (let i = 0; i < 5; i++) {
      const answer = expectAnswer(await send(`${server.url}/orders/${i}`));
      expect(JSON.parse(answer.text)).toEqual({ id: String(i) });
    }
    await expect.poll(() => server.journal.entries().filter((e) => e.routeId === 'order').length).toBe(5);
    for (const e of server.journal.entries().filter((x) => x.routeId === 'order')) expect(e.durationMs).toBeLessThan(250);

    const closing = performance.now();
    const allClosed = new Promise<void>((resolve) => {
      let open = sockets.length;
      for (const socket of sockets) if (socket.destroyed) open--;
      for (const socket of sockets) socket.once('close', () => --open === 0 && resolve());
      if (open === 0) resolve();
    });
    await server.close();
    await allClosed;
    expect(performance.now() - closing).toBeLessThan(BULK_MS);
    expect(answered).toBe(0);
    // Each hanging request is journaled as ended by the server, not as a client giving up.
    await expect.poll(() => server.journal.total, { timeout: BULK_MS }).toBe(COUNT + 1 + 5);
    const hung = server.journal.entries().filter((e) => e.routeId === 'hang');
    expect(hung.length).toBeGreaterThan(0);
    expect(hung.every((e) => e.fault === 'hang' && e.status === null && !e.clientGaveUp)).toBe(true);
  }, 120_000);
});
