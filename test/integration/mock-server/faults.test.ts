import { describe, expect, it } from 'vitest';
import { eventually, expectAnswer, send } from './http-exchange';
import { useMockServers } from './mock-fixture';

const start = useMockServers();
/**
 * How late a timer may fire on a loaded 2-core machine: tens of ms at load 14 (42 ms measured,
 * see main/scenario/timing-tolerance.ts), up to 237 ms seen under `stress --cpu 4` beside the
 * suite (load 15). Latencies are judged on the server's own clock (the journal's `durationMs`,
 * arrival to last byte), not the client's round trip, which also waits for the client's turn
 * on a CPU; never early, and late by at most 300 ms: a timer's lateness, not a second latency
 * of the 400 ms slow body (nor a lost timer, which would never answer).
 */
const LATE_MS = 300;
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
    // The headers at once: well before the body, whose last byte comes 400 ms later.
    expect(answer.headersMs).toBeLessThan(answer.ms - 200);
    expect(answer.ms).toBeGreaterThanOrEqual(395);
    expect(answer.pieceTimes.length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(answer.text)).toMatchObject({ id: '3' });
    await eventually(() => server.journal.size === 1);
    const { durationMs } = server.journal.entries()[0]!;
    expect(durationMs).toBeGreaterThanOrEqual(399);
    expect(durationMs).toBeLessThan(400 + LATE_MS);
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
    await expect.poll(() => server.journal.entries().map((e) => e.clientGaveUp)).toEqual([false, false]);
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
  it('fixed latency: never early, late only by what a busy machine delays a timer', async () => {
    const server = await start([{ id: 'slow', path: '/slow', latency: { fixed: 150 }, responses: [{ body: { ok: true } }] }]);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push(expectAnswer(await send(`${server.url}/slow`)).ms);
    // The client cannot see the answer before the latency has passed…
    for (const ms of times) expect(ms).toBeGreaterThanOrEqual(149);
    // …and the server sent it on time, by its own clock (LATE_MS: a late timer, not a second latency).
    await eventually(() => server.journal.size === 5);
    for (const { durationMs } of server.journal.entries()) {
      expect(durationMs).toBeGreaterThanOrEqual(149);
      expect(durationMs).toBeLessThan(150 + LATE_MS);
    }
  });

  it('a sequence gives each request its own latency, and the journal records them', async () => {
    const server = await start([{ id: 'seq', path: '/seq', latency: { sequence: [50, 200, 100] }, responses: [{ body: {} }] }]);
    const times: number[] = [];
    for (let i = 0; i < 4; i++) times.push(expectAnswer(await send(`${server.url}/seq`)).ms);
    [50, 200, 100, 100].forEach((want, i) => expect(times[i]).toBeGreaterThanOrEqual(want - 1));
    await eventually(() => server.journal.size === 4);
    expect(server.journal.entries().map((e) => e.latencyMs)).toEqual([50, 200, 100, 100]);
    // Each waited its own latency on the server's clock (late by LATE_MS at most, never early).
    [50, 200, 100, 100].forEach((want, i) => {
      const { durationMs } = server.journal.entries()[i]!;
      expect(durationMs).toBeGreaterThanOrEqual(want - 1);
      expect(durationMs).toBeLessThan(want + LATE_MS);
    });
  });

  it('latency counts from arrival: concurrent requests do not queue behind each other', async () => {
    const server = await start([{ id: 'slow', path: '/slow', latency: { fixed: 200 }, responses: [{ body: {} }] }]);
    const results = await Promise.all(Array.from({ length: 50 }, () => send(`${server.url}/slow`)));
    expect(results.every((r) => r.kind === 'answer' && r.status === 200)).toBe(true);
    // Each waited 200 ms from its own arrival (server clock), none longer than the others by
    // a latency: queued one behind another, each would wait 200 ms more than the one before.
    // (When all are late alike — a busy machine — the spread stays small.)
    await eventually(() => server.journal.size === 50);
    const durations = server.journal.entries().map((e) => e.durationMs);
    for (const ms of durations) expect(ms).toBeGreaterThanOrEqual(199);
    expect(Math.max(...durations) - Math.min(...durations)).toBeLessThan(200);
  });
});
