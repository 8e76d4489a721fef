import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileMocks, decide, RequestCounters } from '../../../mocks/core';
import { mocksFile, useMockServers } from './mock-fixture';
import { expectAnswer, json, send } from './http-exchange';

/*
 * Issue 18 on the mock server: the admin API holds latencies to the file schema's bounds
 * (24 h, never clamped), no delay ≥ 2^31 ms reaches setTimeout (Node would fire it after
 * 1 ms), bodies nested too deep are refused with their path, and templates read own
 * properties only — the same answer as the virtual clock, never native code or a 500.
 */

const start = useMockServers();
const routes = [{ id: 'order', path: '/orders/:id', responses: [{ status: 201, headers: { 'x-c': '{{constructor}}' }, body: { id: '{{params.id}}', c: '{{constructor}}', p: '{{__proto__}}', t: 'x{{toString}}x' } }] }];
const MAX_TIMER = 2 ** 31 - 1;

function admin(base: string, path: string, method: string, body: unknown) {
  return send(`${base}/__flowbench${path}`, { method, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('mock server bounds', () => {
  it('refuses latencies over 24 h in a patch and in a whole config, with the path, and keeps the route', async () => {
    const server = await start(routes);
    const cases: [unknown, string][] = [
      [{ latency: { fixed: 3_000_000_000 } }, 'latency.fixed'],
      [{ latency: { uniform: [1, 1e15] } }, 'latency.uniform[1]'],
      [{ latency: { lognormal: { medianMs: 800, p99Ms: 1e300 } } }, 'latency.lognormal.p99Ms'],
      [{ faults: [{ kind: 'slow_body', ms: 1e12, rate: 1 }] }, 'faults[0].ms'],
      [{ faults: [{ kind: 'reset', rate: 2 }] }, 'faults[0].rate'],
    ];
    for (const [patch, path] of cases) {
      const answer = expectAnswer(await admin(server.url, '/routes/order', 'PATCH', patch));
      expect(answer.status, path).toBe(400);
      const body = JSON.parse(answer.text) as { error: string; issues: { path: string; message: string }[] };
      expect(body.error).toBe('invalid_patch');
      expect(body.issues.map((i) => i.path)).toEqual([path]);
    }
    const config = { format: 'flowbench.mocks/1', routes: [{ id: 'x', path: '/x', latency: { fixed: 86_400_001 }, responses: [{ status: 200 }] }] };
    const refused = expectAnswer(await admin(server.url, '/config', 'PUT', config));
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toMatchObject({ error: 'invalid_config', issues: [{ path: 'routes[0].latency.fixed', message: 'expected at most 86400000 ms (24 h)' }] });
    expect(server.config().routes[0]?.latency).toEqual({ fixed: 0 });
  });

  it('refuses a config nested 10,000 deep with a 400 and the path, not a 500', async () => {
    const server = await start(routes);
    const deep = `{"format":"flowbench.mocks/1","routes":[${'['.repeat(10_000)}${']'.repeat(10_000)}]}`;
    const answer = expectAnswer(await admin(server.url, '/config', 'PUT', deep));
    expect(answer.status).toBe(400);
    const body = JSON.parse(answer.text) as { issues: { path: string; message: string }[] };
    // The root object is level 1, `routes` level 2: level 65 is 63 lists further in.
    expect(body.issues[0]?.path).toBe(`routes${'[0]'.repeat(63)}`);
    expect(body.issues[0]?.message).toContain('nested deeper than 64 levels');
    expect(expectAnswer(await send(`${server.url}/orders/1`)).status).toBe(201);
  });

  it('waits out a 24 h latency at time scale 100 (8.64e9 ms) in steps, never handing setTimeout 2^31 ms or more', async () => {
    const server = await start([{ id: 'slow', path: '/slow', latency: { fixed: 86_400_000 }, responses: [{ status: 200 }] }]);
    const delays: number[] = [];
    const real = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      return real(fn, ms);
    }) as typeof setTimeout);
    // Before the fix Node fired the 8.64e9 ms timer after 1 ms and answered at once.
    const answer = await send(`${server.url}/slow`, { headers: { 'x-flowbench-time-scale': '100' }, timeoutMs: 300 });
    expect(answer.kind).toBe('error');
    expect(delays.some((d) => d === MAX_TIMER)).toBe(true);
    expect(delays.every((d) => d <= MAX_TIMER)).toBe(true);
  });

  it('renders {{constructor}}, {{__proto__}} and {{toString}} as missing values, as the virtual clock does', async () => {
    const server = await start(routes);
    const answer = expectAnswer(await send(`${server.url}/orders/7`));
    expect(answer.status).toBe(201);
    expect(answer.headers['x-c']).toBe('');
    // A string that is exactly one placeholder keeps the value's type: missing is null.
    expect(json(answer)).toEqual({ id: '7', c: null, p: null, t: 'xx' });
    // The virtual clock decides with the same core: the same answer and the warnings.
    const virtual = decide(compileMocks(mocksFile(routes)), { method: 'GET', path: '/orders/7', query: {}, headers: {}, body: undefined }, new RequestCounters());
    expect(virtual.kind === 'matched' ? { status: virtual.status, body: virtual.body, warnings: virtual.warnings } : null).toEqual({
      status: 201,
      body: { id: '7', c: null, p: null, t: 'xx' },
      warnings: ['missing_template_value: {{constructor}} is not in the request', 'missing_template_value: {{__proto__}} is not in the request', 'missing_template_value: {{toString}} is not in the request'],
    });
  });
});
