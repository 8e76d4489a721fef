import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { OutputOf } from '../../../main/api/contract';
import { MocksFile } from '../../../main/api/formats/mocks';
import { createHost } from '../../../main/host/host';
import type { Host } from '../../../main/host/host';
import { examplesDir, repoRoot } from '../../support/paths';
import { expectSchemaModeline } from '../../support/modeline';
import { json, send } from './http-exchange';

let host: Host;
beforeEach(() => {
  host = createHost({ mode: 'browser', appRoot: repoRoot, name: 'flowbench', version: '0.0.1-test', dataDir: '/tmp/fb', examplesDir });
});
afterEach(async () => {
  await host.close();
});

async function call(name: string, input: unknown): Promise<unknown> {
  const result = await host.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('mock state through the host API (for the Mocks view’s state panel)', () => {
  it('reads, replaces and resets the running server’s state per session', async () => {
    const failed = await host.dispatch('mocks.state', {});
    expect(failed).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const { url } = (await call('mocks.start', { file: 'mocks/status-polling.mocks.yaml' })) as OutputOf<'mocks.start'>;
    const poll = async (session: string) => json(await send(`${url ?? ''}/orders/5/state`, { headers: { 'x-flowbench-session': session, 'x-flowbench-time-scale': '0.01' } }));
    await poll('live-1');
    expect(await call('mocks.state', {})).toEqual({ initial: { order: 'placed' }, sessions: [{ session: 'live-1', state: { order: 'pending_again' }, changed: true }] });
    expect(await call('mocks.state', { session: 'other' })).toEqual({ initial: { order: 'placed' }, sessions: [{ session: 'other', state: { order: 'placed' }, changed: false }] });

    expect(await call('mocks.setState', { session: 'live-1', state: { order: 'ready' } })).toMatchObject({ sessions: [{ session: 'live-1', state: { order: 'ready' }, changed: true }] });
    expect(await poll('live-1')).toEqual({ id: '5', state: 'ready' });

    expect(await call('mocks.resetState', { session: 'live-1' })).toMatchObject({ sessions: [{ session: 'live-1', state: { order: 'placed' }, changed: false }] });
    expect(await poll('live-1')).toEqual({ id: '5', state: 'pending' });

    const invalid = await host.dispatch('mocks.setState', { session: 'x', state: ['not', 'a', 'map'] });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'state' }] } });
  });
});

describe('mocks.convert (the Mocks view’s Import, with its preview)', () => {
  it('a path: routes with latencies and faults, what was not converted, the mock set and its YAML', async () => {
    const preview = (await call('mocks.convert', { path: join(repoRoot, 'test', 'fixtures', 'convert', 'wiremock') })) as OutputOf<'mocks.convert'>;
    expect(preview.routes).toHaveLength(21);
    expect(preview.routes.find((r) => r.id === 'get_slow_lognormal')).toMatchObject({ latency: 'lognormal median 800 ms, p99 2560 ms', faults: [] });
    expect(preview.routes.find((r) => r.id === 'get_fault_reset')).toMatchObject({ faults: ['reset at 100 %'], source: { path: 'mappings[6]' } });
    expect(preview.state).toEqual({ 'order flow': 'Started' });
    expect(preview.problems).toHaveLength(8);
    expect(preview.problems[6]).toMatchObject({ path: 'mappings[18].response.proxyBaseUrl', line: expect.any(Number), message: expect.stringContaining('proxying') });
    expect(MocksFile.parse(parse(preview.yaml))).toEqual(preview.mocks);
    // Saved under the examples' mocks/ (as the Mocks view does), it points to flowbench's schema.
    expectSchemaModeline(preview.yaml, join(examplesDir, 'mocks', 'imported.mocks.yaml'), 'mocks');
  });

  it('uploaded contents, and the error when none is a known format', async () => {
    const mockoon = readFileSync(join(repoRoot, 'test', 'fixtures', 'convert', 'mockoon', 'shop.mockoon.json'), 'utf8');
    const preview = (await call('mocks.convert', { files: [{ name: 'shop.json', content: mockoon }], seed: 4 })) as OutputOf<'mocks.convert'>;
    expect(preview.sources).toEqual([{ file: 'shop.json', format: 'mockoon' }]);
    expect(preview.mocks.seed).toBe(4);
    // The body file next to the environment was not uploaded: listed, the route still converts.
    expect(preview.problems.some((p) => p.path === 'routes[6].responses[0].filePath')).toBe(true);
    const bad = await host.dispatch('mocks.convert', { files: [{ name: 'x.yaml', content: 'hello: world' }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'x.yaml (root)', message: expect.stringContaining('not a known format') }] } });
  });
});
