import { describe, expect, it } from 'vitest';
import { decide, RequestCounters } from '../../../mocks/core';
import type { Decision, MatchedDecision } from '../../../mocks/core';
import { get, mocksOf } from './mocks-fixture';

function matched(decision: Decision): MatchedDecision {
  if (decision.kind !== 'matched') throw new Error(`expected a match, got ${decision.bodyText}`);
  return decision;
}

const orders = mocksOf([
  {
    id: 'order_status',
    path: '/orders/:id',
    responses: [
      { when: "params.id == '404'", status: 404, body: { error: 'not found' } },
      {
        status: 200,
        headers: { 'x-lang': '{{headers.x-lang}}' },
        body: { id: '{{params.id}}', q: '{{query.q}}', lang: '{{headers.x-lang}}', greeting: 'order {{params.id}}' },
      },
    ],
  },
  { id: 'create', method: 'POST', path: '/orders', responses: [{ status: 201, body: { order: '{{body.order}}', echo: '{{body}}' } }] },
  { id: 'customer', path: '/customers/:id', responses: [{ body: {} }] },
]);

describe('decide: responses served verbatim (template: false)', () => {
  const verbatim = mocksOf([
    {
      id: 'raw',
      path: '/raw/:id',
      responses: [{ status: 200, template: false, headers: { 'x-note': '{{headers.x-lang}}' }, body: { id: '{{params.id}}', odd: '}} {{', list: ['{{ body }}'] } }],
    },
  ]);

  it('sends the body and headers exactly as written: placeholders are text, unbalanced braces too', () => {
    const d = matched(decide(verbatim, get('/raw/7', { 'x-lang': 'de' }), new RequestCounters()));
    expect(d.body).toEqual({ id: '{{params.id}}', odd: '}} {{', list: ['{{ body }}'] });
    expect(d.bodyText).toBe('{"id":"{{params.id}}","odd":"}} {{","list":["{{ body }}"]}');
    expect(d.headers['x-note']).toBe('{{headers.x-lang}}');
    expect(d.warnings).toEqual([]);
  });
});

describe('decide: responses and templates', () => {
  it('picks the first response whose `when` holds', () => {
    const d = matched(decide(orders, get('/orders/404'), new RequestCounters()));
    expect(d.status).toBe(404);
    expect(d.responseIndex).toBe(0);
  });

  it('renders {{params.id}} {{query.q}} {{headers.x-lang}} in body and headers', () => {
    const d = matched(decide(orders, get('/orders/12?q=late', { 'x-lang': 'de' }), new RequestCounters()));
    expect(d.status).toBe(200);
    expect(d.body).toEqual({ id: '12', q: 'late', lang: 'de', greeting: 'order 12' });
    expect(d.headers['x-lang']).toBe('de');
    expect(JSON.parse(d.bodyText)).toEqual(d.body);
    expect(d.warnings).toEqual([]);
  });

  it('renders {{body.order}} and keeps the type of a whole-value placeholder', () => {
    const request = { method: 'POST', path: '/orders', query: {}, headers: {}, body: { order: 42 } };
    const d = matched(decide(orders, request, new RequestCounters()));
    expect(d.status).toBe(201);
    expect(d.body).toEqual({ order: 42, echo: { order: 42 } });
  });

  it('sends a string body as text when the response says it is not JSON', () => {
    const mocks = mocksOf([
      { id: 'txt', path: '/t/:id', responses: [{ headers: { 'Content-Type': 'text/plain' }, body: 'hello {{params.id}}' }] },
      { id: 'js', path: '/j', responses: [{ body: 'hello' }] },
    ]);
    const text = matched(decide(mocks, get('/t/1'), new RequestCounters()));
    expect(text.bodyText).toBe('hello 1');
    expect(text.headers['content-type']).toBe('text/plain');
    expect(matched(decide(mocks, get('/j'), new RequestCounters())).bodyText).toBe('"hello"');
  });

  it('warns when a template names something the request lacks', () => {
    const d = matched(decide(orders, get('/orders/12'), new RequestCounters()));
    expect(d.warnings.join(' ')).toContain('{{query.q}}');
  });

  it('pick: sequence takes the next response in turn, per session', () => {
    const mocks = mocksOf([{ id: 'seq', path: '/s', pick: 'sequence', responses: [{ body: 'a' }, { body: 'b' }, { body: 'c' }] }]);
    const counters = new RequestCounters();
    const bodies = (session: string, count: number): unknown[] =>
      Array.from({ length: count }, () => matched(decide(mocks, get('/s', { 'x-flowbench-session': session }), counters)).body);
    expect(bodies('A', 4)).toEqual(['a', 'b', 'c', 'a']);
    expect(bodies('B', 2)).toEqual(['a', 'b']);
    expect(bodies('A', 1)).toEqual(['b']);
  });

  it('pick: random follows the weights with a seeded draw', () => {
    const mocks = mocksOf([{ id: 'rnd', path: '/r', pick: 'random', responses: [{ body: 'x', weight: 3 }, { body: 'y', weight: 1 }] }]);
    const counters = new RequestCounters();
    const picks = Array.from({ length: 8000 }, () => matched(decide(mocks, get('/r'), counters)).body);
    const xs = picks.filter((b) => b === 'x').length / picks.length;
    expect(xs).toBeGreaterThan(0.72);
    expect(xs).toBeLessThan(0.78);
    const again = new RequestCounters();
    expect(Array.from({ length: 8000 }, () => matched(decide(mocks, get('/r'), again)).body)).toEqual(picks);
  });
});

describe('decide: latency, faults and seeds', () => {
  const faulty = mocksOf([
    {
      id: 'f',
      path: '/f',
      latency: { lognormal: { medianMs: 100, p99Ms: 900 } },
      faults: [
        { kind: 'status', status: 503, rate: 0.2 },
        { kind: 'reset', nth: [3] },
        { kind: 'malformed', rate: 0.2 },
        { kind: 'slow_body', ms: 400, rate: 0.2 },
      ],
      responses: [{ body: { ok: true, items: [1, 2, 3] } }],
    },
  ]);

  const run = (seed: number, session = ''): MatchedDecision[] => {
    const counters = new RequestCounters();
    return Array.from({ length: 300 }, () => matched(decide(faulty, get('/f', session ? { 'x-flowbench-session': session } : {}), counters, seed)));
  };

  it('the same seed gives the same latencies and faults; the session name does not matter', () => {
    const a = run(5).map((d) => [d.latencyMs, d.fault]);
    expect(run(5).map((d) => [d.latencyMs, d.fault])).toEqual(a);
    expect(run(5, 'scenario-1').map((d) => [d.latencyMs, d.fault])).toEqual(a);
    expect(run(6).map((d) => [d.latencyMs, d.fault])).not.toEqual(a);
  });

  it('a status fault answers its status with a JSON error body', () => {
    const d = run(5).find((x) => x.fault === 'status');
    expect(d).toMatchObject({ status: 503, responseIndex: null });
    expect(JSON.parse(d?.bodyText ?? '')).toEqual({ error: 'injected status 503' });
  });

  it('an nth fault hits exactly the listed request', () => {
    const onlyNth = mocksOf([{ id: 'n', path: '/n', faults: [{ kind: 'reset', nth: [3] }], responses: [{ body: {} }] }]);
    const counters = new RequestCounters();
    const kinds = Array.from({ length: 4 }, () => matched(decide(onlyNth, get('/n'), counters)).fault);
    expect(kinds).toEqual([null, null, 'reset', null]);
  });

  it('malformed sends invalid JSON that starts like the real body', () => {
    const d = run(5).find((x) => x.fault === 'malformed');
    expect(d).toBeDefined();
    expect(() => JSON.parse(d?.bodyText ?? '')).toThrow();
    expect(d?.bodyText.startsWith('{"ok":true')).toBe(true);
  });

  it('slow_body carries its duration', () => {
    expect(run(5).find((x) => x.fault === 'slow_body')?.slowBodyMs).toBe(400);
  });
});

describe('decide: unmatched requests', () => {
  it('lists the closest routes first, each with why it did not match', () => {
    const request = { method: 'POST', path: '/orders/5', query: {}, headers: {}, body: undefined };
    const d = decide(orders, request, new RequestCounters());
    expect(d.kind).toBe('unmatched');
    if (d.kind !== 'unmatched') return;
    expect(d.status).toBe(404);
    expect(d.body.closest.map((m) => m.routeId)).toEqual(['create', 'order_status', 'customer']);
    expect(d.body.closest[0]?.reasons).toEqual(['path /orders/5 does not match /orders']);
    expect(d.body.closest[1]?.reasons).toEqual(['method is GET, not POST']);
    expect(JSON.parse(d.bodyText)).toEqual(d.body);
  });

  it('does not count unmatched requests', () => {
    const counters = new RequestCounters();
    decide(orders, get('/nowhere'), counters);
    expect(counters.sessionCount).toBe(0);
  });
});
