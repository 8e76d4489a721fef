import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostEvent } from '../../../main/api/contract';
import { createHost } from '../../../main/host/host';
import type { Host } from '../../../main/host/host';
import { examplesDir, repoRoot } from '../../support/paths';
import { eventually, expectAnswer, json, send } from './http-exchange';

let host: Host;
let events: HostEvent[];

beforeEach(() => {
  host = createHost({ mode: 'browser', appRoot: repoRoot, name: 'flowbench', version: '0.0.1-test', dataDir: '/tmp/fb', examplesDir });
  events = [];
  host.events.subscribe((e) => events.push(e));
});
afterEach(async () => {
  await host.close();
});

async function call(name: string, input: unknown): Promise<unknown> {
  const result = await host.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('mock server through the host API', () => {
  it('starts from an example file, serves, journals as events, patches live, stops', async () => {
    expect(await call('mocks.status', {})).toMatchObject({ running: false, url: null });
    const status = (await call('mocks.start', { file: 'mocks/shop.mocks.yaml', seed: 3 })) as { url: string; routes: { id: string }[] };
    expect(status).toMatchObject({ running: true, seed: 3, file: `${examplesDir}/mocks/shop.mocks.yaml` });
    expect(status.routes.map((r) => r.id)).toEqual(['order_status', 'create_refund', 'legacy_orders']);

    await call('mocks.patchRoute', { routeId: 'order_status', override: { latency: { fixed: 5 } } });
    const answer = await send(`${status.url}/orders/12`, { headers: { 'x-flowbench-session': 'ui', 'x-flowbench-module': 'lookup' } });
    expect(json(answer)).toEqual({ id: '12', state: 'shipped', eta: 'tomorrow' });
    await eventually(() => events.some((e) => e.name === 'mocks.journal'));
    const event = events.find((e) => e.name === 'mocks.journal');
    expect(event?.payload).toMatchObject({ routeId: 'order_status', session: 'ui', module: 'lookup', latencyMs: 5, status: 200 });

    expect(await call('mocks.journal', { session: 'ui' })).toMatchObject({ total: 1, entries: [{ path: '/orders/12' }] });
    expect(await call('mocks.clearJournal', {})).toEqual({ cleared: 1 });
    expect(await call('mocks.journal', {})).toEqual({ entries: [], total: 0 });

    expect(await call('mocks.stop', {})).toMatchObject({ running: false });
    expect((await send(`${status.url}/orders/12`)).kind).toBe('error');
  });

  it('starts from an inline value and restarts on a second start', async () => {
    const mocks = { format: 'flowbench.mocks/1', routes: [{ id: 'hi', path: '/hi', responses: [{ body: 'hi' }] }] };
    const first = (await call('mocks.start', { mocks })) as { url: string };
    const second = (await call('mocks.start', { mocks: { ...mocks, routes: [{ id: 'yo', path: '/yo', responses: [{ body: 'yo' }] }] } })) as {
      url: string;
    };
    expect((await send(`${first.url}/hi`)).kind).toBe(first.url === second.url ? 'answer' : 'error');
    expect(json(await send(`${second.url}/yo`))).toBe('yo');
  });

  it('reports errors with codes and issue paths', async () => {
    const notRunning = await host.dispatch('mocks.patchRoute', { routeId: 'a', override: {} });
    expect(notRunning).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await host.dispatch('mocks.journal', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // A missing file is not_found everywhere in the API (flows.open, scenarios, mock sets), with the file named.
    const missing = await host.dispatch('mocks.start', { file: 'mocks/nope.mocks.yaml' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('nope.mocks.yaml') } });

    const badCel = await host.dispatch('mocks.start', {
      mocks: { format: 'flowbench.mocks/1', routes: [{ id: 'a', path: '/a', responses: [{ when: 'x ==', body: 1 }] }] },
    });
    expect(badCel).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'mocks.routes[0].responses[0].when' }] } });

    const badShape = await host.dispatch('mocks.start', { mocks: { format: 'flowbench.mocks/1', routes: [{ id: 'a' }] } });
    expect(badShape).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    await call('mocks.start', { mocks: { format: 'flowbench.mocks/1', routes: [{ id: 'a', path: '/a', responses: [{ body: 1 }] }] } });
    expect(await host.dispatch('mocks.patchRoute', { routeId: 'zzz', override: { latency: { fixed: 1 } } })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await host.dispatch('mocks.patchRoute', { routeId: 'a', override: { responses: [{ when: 'x ==', body: 1 }] } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'override.responses[0].when' }] },
    });
  });

  it('host.close() stops the mock server', async () => {
    const status = (await call('mocks.start', { mocks: { format: 'flowbench.mocks/1', routes: [{ id: 'a', path: '/a', responses: [{ body: 1 }] }] } })) as {
      url: string;
    };
    expectAnswer(await send(`${status.url}/a`));
    await host.close();
    expect(await send(`${status.url}/a`)).toMatchObject({ kind: 'error', code: 'ECONNREFUSED' });
  });
});
