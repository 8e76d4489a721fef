import { afterEach, describe, expect, it } from 'vitest';
import { FileLoader } from '../../../main/formats/file-loader';
import { runScenarioReal } from '../../../main/scenario/run-real-scenario';
import { startMockServer } from '../../../mocks/server';
import type { MockServer } from '../../../mocks/server';
import { examplesDir } from '../../support/paths';
import { eventually, expectAnswer, json, send } from './http-exchange';

const loader = new FileLoader(examplesDir);
const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The polling example's mock set (examples/mocks/status-polling.mocks.yaml) on a real port. */
async function pollingServer(): Promise<MockServer> {
  const server = await startMockServer({ mocks: await loader.loadMocks('mocks/status-polling.mocks.yaml') });
  servers.push(server);
  return server;
}

/** One poll in a session; the time scale shrinks the route's 1200 ms to 12 ms. */
async function poll(server: MockServer, session: string): Promise<unknown> {
  return json(await send(`${server.url}/orders/7/state`, { headers: { 'x-flowbench-session': session, 'x-flowbench-time-scale': '0.01' } }));
}

function admin(server: MockServer, path: string, method = 'GET', body?: unknown) {
  return send(`${server.url}/__flowbench${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

describe('mock state over real HTTP (SPEC §7.3)', () => {
  it('pending, pending, ready; GET /state shows it; POST /state/reset starts the session over', async () => {
    const server = await pollingServer();
    const answers = [await poll(server, 's1'), await poll(server, 's1'), await poll(server, 's1'), await poll(server, 's1')];
    expect(answers).toEqual([
      { id: '7', state: 'pending' },
      { id: '7', state: 'pending' },
      { id: '7', state: 'ready' },
      { id: '7', state: 'ready' },
    ]);
    expect(json(await admin(server, '/state?session=s1'))).toEqual({ session: 's1', state: { order: 'ready' }, changed: true, initial: { order: 'placed' } });
    expect(json(await admin(server, '/state?session=nobody'))).toEqual({ session: 'nobody', state: { order: 'placed' }, changed: false, initial: { order: 'placed' } });
    expect(json(await admin(server, '/state'))).toEqual({ initial: { order: 'placed' }, sessions: [{ session: 's1', state: { order: 'ready' }, changed: true }] });

    expect(json(await admin(server, '/state/reset?session=s1', 'POST'))).toEqual({ ok: true, session: 's1' });
    expect(await poll(server, 's1')).toEqual({ id: '7', state: 'pending' });
  });

  it('PUT /state replaces one session’s state; an invalid state is refused and changes nothing', async () => {
    const server = await pollingServer();
    expect(json(await admin(server, '/state?session=s2', 'PUT', { order: 'ready' }))).toEqual({ ok: true, session: 's2', state: { order: 'ready' } });
    expect(await poll(server, 's2')).toEqual({ id: '7', state: 'ready' });
    expect(await poll(server, 'other')).toEqual({ id: '7', state: 'pending' });

    const refused = expectAnswer(await admin(server, '/state?session=s2', 'PUT', ['not', 'an', 'object']));
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toMatchObject({ error: 'invalid_state' });
    expect(server.state.get('s2')).toEqual({ order: 'ready' });
  });

  it('the journal records each request’s state before and after; POST /reset also resets the state', async () => {
    const server = await pollingServer();
    await poll(server, 'j');
    await poll(server, 'j');
    await eventually(() => server.journal.size === 2);
    expect(server.journal.entries().map((e) => [e.stateBefore, e.stateAfter])).toEqual([
      [{ order: 'placed' }, { order: 'pending_again' }],
      [{ order: 'pending_again' }, { order: 'ready' }],
    ]);
    expect(json(await admin(server, '/reset', 'POST', { session: 'j' }))).toEqual({ ok: true, session: 'j' });
    expect(server.state.has('j')).toBe(false);
    expect(await poll(server, 'j')).toEqual({ id: '7', state: 'pending' });
  });

  it('the polling example: its scenario on the real clock against one server; run again in the same session it is ready at once; after a reset it starts over', async () => {
    const server = await pollingServer();
    const [scenario] = await loader.loadScenarios('scenarios/status-polling.scenario.yaml');
    if (scenario === undefined) throw new Error('the polling example has no scenario');
    // Every run is a session of its own unless told otherwise (SPEC §2.2): these three runs are
    // told to share one session on this one server, so the state carries over from run to run.
    const session = { baseUrl: server.url, sessionId: 'support-ticket-7' };
    // Wall time at scale 1: a response (1200 ms) has 800 ms of margin before the 2000 ms deadline.
    const first = await runScenarioReal(scenario, session);
    expect(first.status).toBe('passed');
    expect(first.path.filter((p) => p.startsWith('check.'))).toEqual(['check.pending', 'check.pending', 'check.success']);

    const again = await runScenarioReal(scenario, session);
    expect(again.path.filter((p) => p.startsWith('check.'))).toEqual(['check.success']);

    expectAnswer(await admin(server, '/state/reset', 'POST'));
    const restarted = await runScenarioReal(scenario, session);
    expect(restarted.status).toBe('passed');
    expect(restarted.path.filter((p) => p.startsWith('check.'))).toEqual(['check.pending', 'check.pending', 'check.success']);
  });
});
