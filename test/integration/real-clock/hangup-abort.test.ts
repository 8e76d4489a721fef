import { afterEach, describe, expect, it } from 'vitest';
import { runScenarioReal } from '../../../main/scenario/run-real-scenario';
import { runScenario } from '../../../main/scenario/run-scenario';
import { startMockServer } from '../../../mocks/server/start-mock-server';
import type { MockServer } from '../../../mocks/server/start-mock-server';
import { endpoint, flow, mocks, route, scenario } from '../../support/scenario-builder';

let server: MockServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/**
 * SPEC §7.1 rule 13 over real HTTP: the caller hangs up while requests are in flight; the
 * engine aborts them and the mock server's journal shows that the client gave up.
 */
describe('a hang-up on the real clock', () => {
  // greet (3 words, 1200 ms); status (async, answers after 6000 ms); the blocking lookup answers after 5000 ms.
  // The caller hangs up at 2000: both requests are in flight (sent at 0).
  const routes = mocks([route('status', 6000), route('lookup', 5000)]);
  const hangsUp = scenario({
    mocks: routes,
    flow: flow({
      channel: 'voice',
      start: 'greet',
      endpoints: [endpoint('status', { timeoutMs: 9000 }), endpoint('lookup', { timeoutMs: 9000 })],
      modules: [
        { id: 'greet', type: 'say', text: 'One moment please', ports: { next: 'start' } },
        { id: 'start', type: 'api_async', endpoint: 'status', ports: { next: 'call' } },
        { id: 'call', type: 'api', endpoint: 'lookup', ports: { success: 'bye', failure: 'agent' } },
        { id: 'bye', type: 'end' },
        { id: 'agent', type: 'handover' },
      ],
    }),
    user: [{ hangup: { atMs: 2000 } }],
    expect: [{ ends: 'hangup' }, { maxCallMs: 2000 }],
  });

  it('aborts every request in flight: the mock journal shows client-gave-up for each', async () => {
    server = await startMockServer({ mocks: routes });
    const virtual = runScenario(hangsUp);
    const real = await runScenarioReal(hangsUp, { baseUrl: server.url, timeScale: 0.25 });
    expect(real.endState).toBe('hangup');
    expect(real.path).toEqual(virtual.path);
    expect(real.trace.filter((e) => e.type === 'request_abandoned').map((e) => e.type === 'request_abandoned' && e.id)).toEqual(['r1', 'r2']);
    expect(real.trace.some((e) => e.type === 'response')).toBe(false);
    // The server notices the closed sockets right away, not after its latency (which would be 1.25–1.5 s of wall time).
    await expect
      .poll(() => server?.journal.entries().map((e) => [e.routeId, e.clientGaveUp, e.status]).sort(), { timeout: 1000 })
      .toEqual([
        ['lookup', true, null],
        ['status', true, null],
      ]);
    const end = real.trace.at(-1);
    expect(end?.type === 'end' && Math.abs(end.t - 2000)).toBeLessThan(200);
  });
});
