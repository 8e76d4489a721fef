import { describe, expect, it } from 'vitest';
import { MocksFile } from '../../../main/api/formats/mocks';
import { LiveConfig } from '../../../mocks/server/live-config';
import { MockConfigError } from '../../../mocks/server/config-errors';
import { get } from './mocks-fixture';

const served = MocksFile.parse({ format: 'flowbench.mocks/1', seed: 1, routes: [{ id: 'order', path: '/orders/:id', latency: { fixed: 5200 }, responses: [{ body: { from: 'server' } }] }] });
const scenario = MocksFile.parse({
  format: 'flowbench.mocks/1',
  seed: 1,
  routes: [{ id: 'order', path: '/orders/:id', latency: { sequence: [6000, 100] }, responses: [{ body: { from: 'scenario' } }] }],
});
const as = (session: string) => get('/orders/1', { 'x-flowbench-session': session });

describe('a session with a mock set of its own', () => {
  it("answers that session's requests from it, everyone else's from the server's config", () => {
    const config = new LiveConfig(served);
    config.decide(as('run:a')); // counted on the server's config before the run starts
    const release = config.useForSession('run:a', scenario, 9);
    const first = config.decide(as('run:a'));
    const second = config.decide(as('run:a'));
    // Its counters start fresh: request 1 takes the sequence's 6000, request 2 its 100.
    expect([first, second].map((d) => d.kind === 'matched' && [d.n, d.latencyMs, d.body])).toEqual([
      [1, 6000, { from: 'scenario' }],
      [2, 100, { from: 'scenario' }],
    ]);
    const other = config.decide(as('ui'));
    expect(other.kind === 'matched' && [other.latencyMs, other.body]).toEqual([5200, { from: 'server' }]);
    release();
    const after = config.decide(as('run:a'));
    expect(after.kind === 'matched' && after.body).toEqual({ from: 'server' });
  });

  it('refuses an invalid set with located issues and keeps serving', () => {
    const config = new LiveConfig(served);
    const broken = { ...scenario, routes: [{ ...scenario.routes[0]!, path: '/orders/:' }] };
    expect(() => config.useForSession('run:b', broken)).toThrow(MockConfigError);
    const d = config.decide(as('run:b'));
    expect(d.kind === 'matched' && d.body).toEqual({ from: 'server' });
  });
});
