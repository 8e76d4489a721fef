import { describe, expect, it } from 'vitest';
import type { MockServer } from '../../../mocks/server';
import { json, send } from './http-exchange';
import { useMockServers } from './mock-fixture';
import { parseResponses, rawExchange } from './raw-http';
import type { ParsedResponse } from './raw-http';

const start = useMockServers();
const ROUTES = [
  { id: 'order', path: '/orders/:id', responses: [{ body: { id: '{{params.id}}' } }] },
  { id: 'refund', method: 'POST', path: '/refunds', responses: [{ status: 201, body: '{{body.order}}' }] },
];

/** The one answer to a malformed request: a JSON body saying what was wrong, and the connection closed. */
async function refused(server: MockServer, pieces: readonly (string | Buffer)[]): Promise<ParsedResponse & { detail: { error: string; message: string; status: number } }> {
  const raw = await rawExchange(server.url, pieces);
  // The server closes cleanly after its answer (no reset), so the client reads all of it.
  expect(raw.error).toBeNull();
  const responses = parseResponses(raw.text);
  expect(responses).toHaveLength(1);
  const [response] = responses;
  if (response === undefined) throw new Error('no response');
  expect(response.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  const detail = JSON.parse(response.body) as { error: string; message: string; status: number };
  expect(detail.status).toBe(response.status);
  // And the server keeps serving.
  expect(json(await send(`${server.url}/orders/after`))).toEqual({ id: 'after' });
  return { ...response, detail };
}

describe('malformed raw HTTP gets a status and a reason, and the server keeps serving', () => {
  it('a bad HTTP version: 400', async () => {
    const server = await start(ROUTES);
    const answer = await refused(server, ['GET /orders/1 HTTP/9.9\r\nHost: x\r\n\r\n']);
    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.detail).toMatchObject({ error: 'bad_request' });
    expect(answer.detail.message).toContain('HTTP version');
    const minor = await refused(server, ['GET /orders/1 HTTP/1.x\r\nHost: x\r\n\r\n']);
    expect(minor.statusLine).toBe('HTTP/1.1 400 Bad Request');
  });

  it('a 100 KB header: 431', async () => {
    const server = await start(ROUTES);
    const answer = await refused(server, [`GET /orders/1 HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(100 * 1024)}\r\n\r\n`]);
    expect(answer.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer.detail).toMatchObject({ error: 'headers_too_large' });
    expect(answer.detail.message).toContain('16384 bytes');
    // The same header sent after the request line, in a separate write.
    const split = await refused(server, ['GET /orders/1 HTTP/1.1\r\nHost: x\r\n', `X-Big: ${'a'.repeat(100 * 1024)}\r\n\r\n`]);
    expect(split.status).toBe(431);
  });

  it('a 1 MB URL: 414', async () => {
    const server = await start(ROUTES);
    const answer = await refused(server, [`GET /orders/${'1'.repeat(1024 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`]);
    expect(answer.statusLine).toBe('HTTP/1.1 414 URI Too Long');
    expect(answer.detail).toMatchObject({ error: 'uri_too_long' });
  });

  it('Content-Length and Transfer-Encoding together: 400 (request smuggling)', async () => {
    const server = await start(ROUTES);
    const answer = await refused(server, [
      'POST /refunds HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 13\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ]);
    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.detail.message).toContain('Content-Length and Transfer-Encoding');
  });

  it('a garbage request line: 400', async () => {
    const server = await start(ROUTES);
    for (const garbage of ['HELLO THERE\r\n\r\n', '\u0000\u0001\u0002 nonsense\r\n\r\n', 'GET\r\n\r\n', ' / HTTP/1.1\r\n\r\n']) {
      const answer = await refused(server, [garbage]);
      expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
      expect(answer.detail.error).toBe('bad_request');
    }
  });

  it('a bad header line: 400', async () => {
    const server = await start(ROUTES);
    const answer = await refused(server, ['GET /orders/1 HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n']);
    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.detail.message).toContain('HPE_INVALID_HEADER_TOKEN');
  });

  it('after a good request on a kept-alive connection, the malformed one that follows gets its own answer', async () => {
    const server = await start(ROUTES);
    const raw = await rawExchange(server.url, [
      'GET /orders/7 HTTP/1.1\r\nHost: x\r\n\r\n',
      `GET /orders/${'8'.repeat(64 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    ]);
    expect(raw.error).toBeNull();
    const [first, second, ...more] = parseResponses(raw.text);
    expect(more).toEqual([]);
    expect(first?.status).toBe(200);
    expect(JSON.parse(first?.body ?? '')).toEqual({ id: '7' });
    expect(second?.statusLine).toBe('HTTP/1.1 414 URI Too Long');
    // The good request is journaled; the malformed one never became a request.
    await expect.poll(() => server.journal.entries().map((e) => [e.routeId, e.status])).toEqual([['order', 200]]);
  });

  it('a request target that is not a URL: 400', async () => {
    const server = await start(ROUTES);
    const raw = await rawExchange(server.url, ['GET http://[::1/orders/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
    const [answer, ...more] = parseResponses(raw.text);
    expect(more).toEqual([]);
    expect(answer?.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(answer?.body ?? '')).toMatchObject({ error: 'bad_request', message: 'the request target "http://[::1/orders/1" is not a valid URL' });
    expect(json(await send(`${server.url}/orders/still`))).toEqual({ id: 'still' });
  });

  it('a body that breaks off mid-request (bad chunk size): 400, and the journal says the body could not be read', async () => {
    const server = await start(ROUTES);
    const answer = await refused(server, ['POST /refunds HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n']);
    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.detail.message).toContain('chunk size');
    await expect.poll(() => server.journal.entries().find((e) => e.method === 'POST')?.warnings).toEqual(['cannot read the request body: aborted']);
  });
});
