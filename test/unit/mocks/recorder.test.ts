import { describe, expect, it } from 'vitest';
import { MocksFile } from '../../../main/api/formats/mocks';
import { compileMocks, decide, RequestCounters } from '../../../mocks/core';
import { Recorder } from '../../../mocks/server/recorder';
import { get } from './mocks-fixture';

const json = (value: unknown, latencyMs: number, status = 200) => ({
  status,
  contentType: 'application/json',
  body: Buffer.from(JSON.stringify(value)),
  latencyMs,
});

describe('recorder', () => {
  it('makes one route per method and exact path, latencies as a sequence, responses in order', () => {
    const r = new Recorder(['taken']);
    expect(r.record('GET', '/orders/1', json({ id: 1, state: 'packed' }, 120.4))).toMatchObject({ routeId: 'get_orders_1', n: 1 });
    expect(r.record('GET', '/orders/1', json({ id: 1, state: 'shipped' }, 80))).toMatchObject({ routeId: 'get_orders_1', n: 2 });
    r.record('GET', '/orders/2', json({ error: 'gone' }, 30, 404));
    r.record('POST', '/orders/2', { status: 204, contentType: undefined, body: Buffer.alloc(0), latencyMs: 5 });
    const routes = r.toRoutes();
    expect(routes.map((x) => x.id)).toEqual(['get_orders_1', 'get_orders_2', 'post_orders_2']);
    expect(routes[0]).toEqual({
      id: 'get_orders_1',
      method: 'GET',
      path: '/orders/1',
      latency: { sequence: [120, 80] },
      pick: 'sequence',
      responses: [
        { status: 200, body: { id: 1, state: 'packed' } },
        { status: 200, body: { id: 1, state: 'shipped' } },
      ],
    });
    expect(routes[2]?.responses).toEqual([{ status: 204 }]);
  });

  it('collapses identical responses into one and keeps every latency', () => {
    const r = new Recorder();
    for (const ms of [10, 20, 30]) r.record('GET', '/same', json({ ok: true }, ms));
    expect(r.toRoutes()[0]).toMatchObject({ latency: { sequence: [10, 20, 30] }, responses: [{ status: 200, body: { ok: true } }] });
    expect(r.toRoutes()[0]).not.toHaveProperty('pick');
  });

  it('keeps ids unique and escapes paths so they match literally', () => {
    const r = new Recorder(['get_a_b']);
    r.record('GET', '/a/b', json(1, 1));
    r.record('GET', '/a:b(c)', json(2, 1));
    const mocks = compileMocks(MocksFile.parse({ format: 'flowbench.mocks/1', routes: r.toRoutes() }));
    expect(r.toRoutes().map((x) => x.id)).toEqual(['get_a_b_2', 'get_a_b_c']);
    const d = decide(mocks, get('/a:b(c)'), new RequestCounters());
    expect(d.kind === 'matched' && d.body).toBe(2);
  });

  it('keeps text bodies with their content type, braces and all, served as recorded (template: false)', () => {
    const r = new Recorder();
    const { warnings } = r.record('GET', '/t', { status: 200, contentType: 'text/plain', body: Buffer.from('hi {{there}} }}'), latencyMs: 1 });
    expect(r.toRoutes()[0]?.responses).toEqual([{ status: 200, headers: { 'content-type': 'text/plain' }, body: 'hi {{there}} }}', template: false }]);
    expect(warnings.join(' ')).toContain('template: false');
    const mocks = compileMocks(MocksFile.parse({ format: 'flowbench.mocks/1', routes: r.toRoutes() }));
    const d = decide(mocks, get('/t'), new RequestCounters());
    expect(d.kind === 'matched' && d.bodyText).toBe('hi {{there}} }}');
  });
});
