import { describe, expect, it } from 'vitest';
import { compileMocks, decide, RequestCounters } from '../../../mocks/core';
import { MockConfigError, startMockServer, UnknownRouteError } from '../../../mocks/server';
import { eventually, expectAnswer, json, send } from './http-exchange';
import { mocksFile, useMockServers } from './mock-fixture';

const start = useMockServers();

describe('mock server lifecycle', () => {
  it('binds 127.0.0.1 on a free port by default, without warnings', async () => {
    const server = await start([]);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    expect(server.warnings).toEqual([]);
  });

  it('warns when bound beyond loopback', async () => {
    const server = await start([{ id: 'a', path: '/a', responses: [{ body: 1 }] }], { host: '0.0.0.0' });
    expect(server.warnings[0]).toContain('other machines can reach it');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(json(await send(`${server.url}/a`))).toBe(1);
  });

  it('refuses an invalid config at start with located issues', async () => {
    const mocks = mocksFile([{ id: 'a', path: '/a', responses: [{ when: 'nope ==', body: 1 }] }]);
    await expect(startMockServer({ mocks })).rejects.toThrow(MockConfigError);
    await expect(startMockServer({ mocks })).rejects.toThrow(/routes\[0\]\.responses\[0\]\.when/);
  });

  it('fails cleanly when the port is taken', async () => {
    const first = await start([]);
    await expect(startMockServer({ mocks: mocksFile([]), port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('replaceConfig and patchRoute from code keep the old config on error', async () => {
    const server = await start([{ id: 'a', path: '/a', responses: [{ body: 1 }] }]);
    expect(() => server.patchRoute('zzz', { latency: { fixed: 1 } })).toThrow(UnknownRouteError);
    expect(() => server.replaceConfig(mocksFile([{ id: 'b', path: '/b/:', responses: [{ body: 2 }] }]))).toThrow(MockConfigError);
    expect(json(await send(`${server.url}/a`))).toBe(1);
    server.replaceConfig(mocksFile([{ id: 'b', path: '/b', responses: [{ body: 2 }] }]));
    expect(json(await send(`${server.url}/b`))).toBe(2);
  });

  it('gives the same latencies and faults as the shared core (the virtual clock) for the same seed', async () => {
    const routes = [
      {
        id: 'orders',
        path: '/orders/:id',
        latency: { lognormal: { medianMs: 8, p99Ms: 40 } },
        faults: [
          { kind: 'status', status: 503, rate: 0.15 },
          { kind: 'malformed', rate: 0.1 },
        ],
        responses: [{ body: { id: '{{params.id}}' } }],
      },
    ];
    const server = await start(routes, { seed: 1234 });
    for (let i = 0; i < 40; i++) await send(`${server.url}/orders/${i}`, { headers: { 'x-flowbench-session': 'agree' } });
    await eventually(() => server.journal.total === 40);
    const core = compileMocks(mocksFile(routes));
    const counters = new RequestCounters();
    const expected = Array.from({ length: 40 }, (_, i) => {
      const d = decide(core, { method: 'GET', path: `/orders/${i}`, query: {}, headers: { 'x-flowbench-session': 'agree' }, body: undefined }, counters, 1234);
      return d.kind === 'matched' ? [d.latencyMs, d.fault, d.status] : null;
    });
    expect(server.journal.entries().map((e) => [e.latencyMs, e.fault, e.status])).toEqual(expected);
    expect(expected.some((x) => x?.[1] === 'status')).toBe(true);
  });

  it('closes twice without complaint and refuses connections afterwards', async () => {
    const server = await startMockServer({ mocks: mocksFile([{ id: 'a', path: '/a', responses: [{ body: 1 }] }]) });
    expectAnswer(await send(`${server.url}/a`));
    await Promise.all([server.close(), server.close()]);
    expect(await send(`${server.url}/a`)).toMatchObject({ kind: 'error', code: 'ECONNREFUSED' });
  });
});
