import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, matchesRoute, RequestCounters } from '../../../mocks/core';
import { mocksOf } from './mocks-fixture';

const mocks = mocksOf([
  { id: 'order', path: '/orders/:id', responses: [{ body: 1 }] },
  { id: 'items', path: '/orders/:id/items{/:item}', responses: [{ when: "params.id == 'x'", body: 2 }] },
  { id: 'create', method: 'POST', path: '/orders', responses: [{ body: 3 }] },
  { id: 'files', method: 'DELETE', path: '/files/*rest', responses: [{ body: 4 }] },
]);

const segment = fc.oneof(fc.constantFrom('orders', 'items', 'files', 'x', '1', '%20', '%E0%A4%A', '%', 'ä', ''), fc.string({ maxLength: 4 }));
const path = fc.array(segment, { minLength: 0, maxLength: 4 }).map((parts) => `/${parts.join('/')}`);
const method = fc.constantFrom('GET', 'get', 'POST', 'Delete', 'PUT', 'PATCH');

describe('matchesRoute: the fast path asks what decide matches', () => {
  it('is true exactly when decide matches a route (any method, any path, broken escapes too)', () => {
    fc.assert(
      fc.property(method, path, (m, p) => {
        const decided = decide(mocks, { method: m, path: p, query: {}, headers: {}, body: undefined }, new RequestCounters());
        expect(matchesRoute(mocks, m, p)).toBe(decided.kind === 'matched');
      }),
      { numRuns: 2000 },
    );
  });

  it('counts nothing', () => {
    const counters = new RequestCounters();
    for (let i = 0; i < 3; i++) expect(matchesRoute(mocks, 'GET', '/orders/1')).toBe(true);
    const first = decide(mocks, { method: 'GET', path: '/orders/1', query: {}, headers: {}, body: undefined }, counters);
    expect(first).toMatchObject({ kind: 'matched', routeId: 'order', n: 1 });
  });
});
