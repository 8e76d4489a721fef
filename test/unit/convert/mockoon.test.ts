import { describe, expect, it } from 'vitest';
import { compileCel, toCelVariables } from '../../../main/expr/cel';
import { convertMocks } from '../../../main/convert/convert-mocks';
import { memorySources } from '../../../main/convert/source-files';
import { convertFixture, issuesOf, routeOf } from './convert-fixture';

const FILE = 'shop.mockoon.json';

describe('Mockoon environment → flowbench mocks (SPEC §7.3)', async () => {
  const result = await convertFixture('mockoon/shop.mockoon.json');

  it('routes under endpointPrefix, in the environment’s order; disabled, CRUD, WebSocket and OPTIONS routes are not among them', () => {
    expect(result.mocks.name).toBe('Shop (Mockoon)');
    expect(result.mocks.routes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/orders/:id',
      'GET /api/poll',
      'GET /api/coin',
      'GET /api/file',
      'GET /api/missing-file',
      'GET /api/echo',
      'POST /api/echo',
      'PUT /api/echo',
      'PATCH /api/echo',
      'DELETE /api/echo',
      'POST /api/fixed',
      'GET /api/fallback/:kind',
      'GET /api/text',
      'GET /api/bucket',
      'GET /api/nth',
    ]);
  });

  it('rules → when, in order, the default response last; latency = environment (100) + the default response’s (200)', () => {
    const route = routeOf(result, 'get_orders_id');
    expect(route.latency).toEqual({ fixed: 300 });
    expect(route.pick).toBe('first');
    expect(route.responses.map((r) => [r.status, r.when ?? null])).toEqual([
      [404, "'id' in params && params['id'] == '404'"],
      [200, "('x-tier' in headers && headers['x-tier'].matches('^gold|platinum$')) && ('vip' in query && query['vip'] == '1')"],
      [410, expect.stringContaining("string(body['order']['state']) == 'cancelled'")],
      [200, null],
    ]);
    // The environment's headers, then the response's; templates become flowbench's; Faker is left out.
    expect(route.responses[3]).toMatchObject({
      headers: { 'content-type': 'application/json', 'x-env': 'mockoon' },
      body: { id: '{{params.id}}', state: 'shipped', lang: '{{headers.x-lang}}', who: '' },
    });
  });

  it('the converted rules hold where Mockoon’s do (CEL evaluated on requests)', () => {
    const [notFound, vip, cancelled] = routeOf(result, 'get_orders_id').responses.map((r) => (r.when === undefined ? null : compileCel(r.when)));
    const request = (vars: Record<string, unknown>) => toCelVariables({ params: {}, query: {}, headers: {}, body: null, ...vars } as never);
    expect(notFound?.evaluate(request({ params: { id: '404' } }))).toBe(true);
    expect(notFound?.evaluate(request({ params: { id: '12' } }))).toBe(false);
    expect(vip?.evaluate(request({ headers: { 'x-tier': 'gold' }, query: { vip: '1' } }))).toBe(true);
    expect(vip?.evaluate(request({ headers: { 'x-tier': 'gold' } }))).toBe(false);
    expect(cancelled?.evaluate(request({ body: { order: { state: 'cancelled' } } }))).toBe(true);
    expect(cancelled?.evaluate(request({ body: { order: { state: 'open' } } }))).toBe(false);
    expect(cancelled?.evaluate(request({ body: 'not json' }))).toBe(false);
  });

  it('sequential → pick sequence with each response’s latency in turn; random → pick random', () => {
    expect(routeOf(result, 'get_poll')).toMatchObject({ pick: 'sequence', latency: { sequence: [200, 200, 400] } });
    expect(routeOf(result, 'get_poll').responses.map((r) => r.body)).toEqual([{ state: 'pending' }, { state: 'pending' }, { state: 'ready' }]);
    expect(routeOf(result, 'get_coin')).toMatchObject({ pick: 'random', latency: { fixed: 100 } });
  });

  it('rules disabled: only the default response; fallback mode: no default response', () => {
    expect(routeOf(result, 'post_fixed').responses.map((r) => r.status)).toEqual([201]);
    expect(routeOf(result, 'get_fallback_kind').responses.map((r) => [r.status, r.when ?? null])).toEqual([[200, "'kind' in params && params['kind'] == 'a'"]]);
  });

  it('a body file next to the environment is read; method all becomes one route per method; text stays text', () => {
    expect(routeOf(result, 'get_file').responses[0]?.body).toEqual({ id: 'F-1', state: 'from a file' });
    expect(routeOf(result, 'post_echo').responses[0]?.body).toEqual({ method: '{{method}}' });
    expect(routeOf(result, 'get_text').responses[0]).toMatchObject({ headers: { 'content-type': 'text/plain' }, body: 'plain words' });
  });

  it('lists what is not converted, with the path inside the environment', () => {
    expect(issuesOf(result.problems, FILE)).toEqual([
      "routes[0].responses[0].body: template {{faker 'person.firstName'}} is not converted: left out of the body",
      'routes[4]: CRUD route (data bucket) GET /users is not converted',
      'routes[5]: WebSocket route GET /live is not converted',
      "routes[7].responses[0].filePath: body file not converted (no such file 'files/nope.json'): the response has no body",
      "routes[11].method: method 'options' is not served by flowbench mocks (GET, POST, PUT, PATCH, DELETE): route left out",
      'routes[13].endpoint: path not converted: the parameter :n has a regex, which flowbench paths do not take',
      'routes[14].responses[0].databucketID: a body from a data bucket is not converted: the response has no body',
      "routes[15].responses[0].rules[0]: rule not converted (request_number: flowbench rules do not see the request number (use pick: sequence or nth faults)): left out of the response's rules",
      'routes[15].responses[0]: none of its rules converts: response left out',
    ]);
    expect(issuesOf(result.notes, FILE)).toEqual([
      'routes[0].responses[4]: a response without rules that is not the default is never served by Mockoon: left out',
      "routes[0]: responses have different latencies (300, 150, 100 ms); flowbench latency is per route: 300 ms (the default response's)",
      'routes[1]: each response\'s latency becomes a latency sequence [200, 200, 400]; past request 3 it stays at 400 ms while the responses start over',
      'routes[3]: disabled route GET /legacy skipped',
      "routes[8].method: method 'all' becomes one route per method (GET, POST, PUT, PATCH, DELETE)",
      'routes[9].responseMode: rules disabled: only the default response is served; the others are left out',
      "routes[10].responseMode: fallback mode: a request no rule matches gets flowbench's 404 no_response (Mockoon would try the next route)",
    ]);
  });

  it('a Mockoon export file ({ source, data: [{ type: environment, item }] }) converts each environment', async () => {
    const env = { uuid: 'e', lastMigration: 20, name: 'exported', endpointPrefix: '', latency: 0, headers: [], routes: [
      { uuid: 'r', type: 'http', method: 'get', endpoint: 'ping', enabled: true, responseMode: null, responses: [{ uuid: 'x', statusCode: 200, body: 'pong', headers: [], rules: [], rulesOperator: 'OR', latency: 25, bodyType: 'INLINE', default: true }] },
    ] };
    const converted = await convertMocks(memorySources([{ name: 'export.json', content: JSON.stringify({ source: 'mockoon:1.17.0', data: [{ type: 'environment', item: env }] }) }]));
    expect(converted.mocks.routes).toEqual([
      { id: 'get_ping', method: 'GET', path: '/ping', latency: { fixed: 25 }, faults: [], pick: 'first', responses: [{ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, weight: 1, body: 'pong' }] },
    ]);
  });
});
