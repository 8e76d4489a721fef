import { describe, expect, it } from 'vitest';
import { eventually, expectAnswer, send } from './http-exchange';
import { useMockServers } from './mock-fixture';

const start = useMockServers();
const body = { id: '{{params.id}}', items: ['a', 'b', 'c', 'd', 'e', 'f'], note: 'x'.repeat(200) };

function faultRoute(kind: string, extra: Record<string, unknown> = {}, latencyMs = 0) {
  return { id: kind, path: `/${kind}/:id`, latency: { fixed: latencyMs }, faults: [{ kind, rate: 1, ...extra }], responses: [{ body }] };
}

describe('faults seen from a real HTTP client', () => {
  it('status: the injected status and its body', async () => {
    const server = await start([faultRoute('status', { status: 503, body: { error: 'busy' } })]);
    const answer = expectAnswer(await send(`${server.url}/status/1`));
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.text)).toEqual({ error: 'busy' });
  });

  it('reset: the connection is reset with no bytes (ECONNRESET)', async () => {
    const server = await start([faultRoute('reset')]);
    const result = await send(`${server.url}/reset/1`);
    expect(result).toMatchObject({ kind: 'error', code: 'ECONNRESET', message: 'read ECONNRESET' });
  });

  it('empty: the connection closes without a response (socket hang up)', async () => {
    const server = await start([faultRoute('empty')]);
    const result = await send(`${server.url}/empty/1`);
    expect(result).toMatchObject({ kind: 'error', code: 'ECONNRESET', message: 'socket hang up' });
  });

  it('malformed: a 200 whose JSON body does not parse', async () => {
    const server = await start([faultRoute('malformed')]);
    const answer = expectAnswer(await send(`${server.url}/malformed/9`));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('application/json');
    expect(() => JSON.parse(answer.text) as unknown).toThrow();
    expect(answer.text.startsWith('{"id":"9"')).toBe(true);
  });

  it('slow_body: headers at once, the body in pieces over ms, complete and valid', async () => {
    const server = await start([faultRoute('slow_body', { ms: 400 })]);
    const answer = expectAnswer(await send(`${server.url}/slow_body/3`));
    expect(answer.headersMs).toBeLessThan(100);
    expect(answer.ms).toBeGreaterThanOrEqual(395);
    expect(answer.ms).toBeLessThan(600);
    expect(answer.pieceTimes.length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(answer.text)).toMatchObject({ id: '3' });
  });

  it('hang: never answers; the client gives up and the journal says so', async () => {
    const server = await start([faultRoute('hang')]);
    const result = await send(`${server.url}/hang/1`, { timeoutMs: 300, headers: { 'x-flowbench-session': 's-hang' } });
    expect(result).toMatchObject({ kind: 'error', code: 'CLIENT_TIMEOUT' });
    expect(result.ms).toBeGreaterThanOrEqual(295);
    await eventually(() => server.journal.size === 1);
    expect(server.journal.entries()[0]).toMatchObject({ fault: 'hang', status: null, clientGaveUp: true, session: 's-hang' });
    expect(await server.connections()).toBe(0);
  });

  it('close() ends hanging requests promptly', async () => {
    const server = await start([faultRoute('hang')]);
    const pending = Promise.all([send(`${server.url}/hang/1`), send(`${server.url}/hang/2`)]);
    await eventually(async () => (await server.connections()) === 2);
    const started = performance.now();
    await server.close();
    // Promptly, not when the hang would end (never): a loaded machine gets a wide margin.
    expect(performance.now() - started).toBeLessThan(1000);
    const results = await pending;
    expect(results.every((r) => r.kind === 'error')).toBe(true);
    expect(server.journal.entries().map((e) => e.clientGaveUp)).toEqual([false, false]);
  });

  it('a fault takes effect once the latency has elapsed', async () => {
    const server = await start([faultRoute('reset', {}, 250), faultRoute('status', { status: 500 }, 250)]);
    const reset = await send(`${server.url}/reset/1`);
    expect(reset.kind).toBe('error');
    expect(reset.ms).toBeGreaterThanOrEqual(245);
    const status = await send(`${server.url}/status/1`);
    expect(expectAnswer(status).status).toBe(500);
    expect(status.ms).toBeGreaterThanOrEqual(245);
  });
});

describe('latency with real timers', () => {
  it('fixed latency lands within a few ms', async () => {
    const server = await start([{ id: 'slow', path: '/slow', latency: { fixed: 150 }, responses: [{ body: { ok: true } }] }]);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push(expectAnswer(await send(`${server.url}/slow`)).ms);
    for (const ms of times) {
      expect(ms).toBeGreaterThanOrEqual(149);
      expect(ms).toBeLessThan(190); // generous: the whole suite may share the CPU
    }
  });

  it('a sequence gives each request its own latency, and the journal records them', async () => {
    const server = await start([{ id: 'seq', path: '/seq', latency: { sequence: [50, 200, 100] }, responses: [{ body: {} }] }]);
    const times: number[] = [];
    for (let i = 0; i < 4; i++) times.push(expectAnswer(await send(`${server.url}/seq`)).ms);
    [50, 200, 100, 100].forEach((want, i) => {
      expect(times[i]).toBeGreaterThanOrEqual(want - 1);
      expect(times[i]).toBeLessThan(want + 40);
    });
    await eventually(() => server.journal.size === 4);
    expect(server.journal.entries().map((e) => e.latencyMs)).toEqual([50, 200, 100, 100]);
  });

  it('latency counts from arrival: concurrent requests do not queue behind each other', async () => {
    const server = await start([{ id: 'slow', path: '/slow', latency: { fixed: 200 }, responses: [{ body: {} }] }]);
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 50 }, () => send(`${server.url}/slow`)));
    expect(results.every((r) => r.kind === 'answer' && r.status === 200)).toBe(true);
    expect(performance.now() - started).toBeLessThan(400);
  });
});
