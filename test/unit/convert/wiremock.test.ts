import { describe, expect, it } from 'vitest';
import { compileCel, toCelVariables } from '../../../main/expr/cel';
import { convertMocks } from '../../../main/convert/convert-mocks';
import { memorySources } from '../../../main/convert/source-files';
import { convertFixture, issuesOf, routeOf } from './convert-fixture';

describe('WireMock mappings → flowbench mocks (SPEC §7.3)', async () => {
  // The root folder (mappings/ and __files/), as WireMock's --root-dir.
  const result = await convertFixture('wiremock');

  it('reads every file of mappings/ (single mappings and { mappings: [...] }); a broken file is listed, the rest converts', () => {
    expect(result.sources.map((s) => [s.file.split('/').slice(-2).join('/'), s.format])).toEqual([
      ['mappings/broken.json', null],
      ['mappings/no-request.json', 'wiremock'],
      ['mappings/order-by-id.json', 'wiremock'],
      ['mappings/order-status.json', 'wiremock'],
    ]);
    expect(result.mocks.routes).toHaveLength(21);
  });

  it('method + url / urlPath / urlPathTemplate / urlPathPattern / urlPattern; ANY becomes each method', () => {
    const paths = result.mocks.routes.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'GET /search',
        'GET /slow/uniform',
        'GET /orders/:id',
        'GET /customers/:p1/orders',
        'GET /files/*rest',
        'GET /anything',
        'POST /anything',
        'PUT /anything',
        'PATCH /anything',
        'DELETE /anything',
      ]),
    );
    expect(routeOf(result, 'get_search').responses[0]?.when).toBe("('q' in query && query['q'] == 'shoes') && ('size' in query && query['size'] == '9') && size(query) == 2");
    expect(routeOf(result, 'get_customers_p1_orders').responses[0]?.when).toBe(
      "(path.matches('^(?:/customers/[a-z]+/orders)$')) && ('page' in query && query['page'] == '2') && !('sort' in query)",
    );
    expect(routeOf(result, 'order_by_id').responses[0]?.when).toBe("('id' in params && (params['id'].matches('^(?:[0-9]+)$'))) && ('accept' in headers && headers['accept'].contains('json'))");
  });

  it('status, jsonBody, body, headers (lists joined), bodyFileName from __files/, templates of the request', () => {
    expect(routeOf(result, 'order_by_id').responses[0]).toMatchObject({
      status: 200,
      headers: { 'content-type': 'application/json', 'x-served-by': 'wiremock, flowbench' },
      body: { id: '{{params.id}}', state: 'shipped', lang: '{{headers.x-lang}}', token: '' },
    });
    expect(routeOf(result, 'get_slow_lognormal').responses[0]).toMatchObject({ headers: { 'content-type': 'text/plain' }, body: 'slow' });
    expect(routeOf(result, 'get_files-on-disk_7').responses[0]?.body).toEqual({ id: '7', state: 'shipped', source: '__files/order-7.json' });
    expect(routeOf(result, 'post_refunds').responses[0]?.body).toEqual({ refund: 'R-1', order: '{{body.order}}' });
  });

  it('fixedDelayMilliseconds → fixed; lognormal (median, sigma) → p99 = median·e^(2.326·sigma); uniform (lower, upper) → uniform', () => {
    expect(routeOf(result, 'order_by_id').latency).toEqual({ fixed: 300 });
    // 800 · e^(2.326 · 0.5) = 800 · e^1.163 = 800 · 3.19959… = 2559.67 → 2560 ms
    expect(routeOf(result, 'get_slow_lognormal').latency).toEqual({ lognormal: { medianMs: 800, p99Ms: 2560 } });
    expect(routeOf(result, 'get_slow_uniform').latency).toEqual({ uniform: [100, 200] });
  });

  it('faults: EMPTY_RESPONSE → empty, CONNECTION_RESET_BY_PEER → reset, MALFORMED_RESPONSE_CHUNK and RANDOM_DATA_THEN_CLOSE → malformed; chunkedDribbleDelay → slow_body', () => {
    expect(
      ['get_fault_empty', 'get_fault_reset', 'get_fault_malformed', 'get_fault_random', 'get_dribble'].map((id) => routeOf(result, id).faults),
    ).toEqual([[{ kind: 'empty', rate: 1 }], [{ kind: 'reset', rate: 1 }], [{ kind: 'malformed', rate: 1 }], [{ kind: 'malformed', rate: 1 }], [{ kind: 'slow_body', ms: 400, rate: 1 }]]);
  });

  it('scenarioName / requiredScenarioState / newScenarioState → state (starting in Started), when and setState', () => {
    expect(result.mocks.state).toEqual({ 'order flow': 'Started' });
    expect(routeOf(result, 'get_status_42').responses.map((r) => [r.when, r.body, r.setState ?? null])).toEqual([
      ["state['order flow'] == 'ready'", { state: 'ready' }, null],
      ["state['order flow'] == 'pending-again'", { state: 'pending' }, { 'order flow': 'ready' }],
      ["state['order flow'] == 'Started'", { state: 'pending' }, { 'order flow': 'pending-again' }],
    ]);
  });

  it('stubs on one method and path share a route, best first (priority); bodyPatterns become conditions that hold where WireMock’s do', () => {
    const refunds = routeOf(result, 'post_refunds');
    expect(refunds.responses.map((r) => r.status)).toEqual([201, 400]);
    expect(refunds.responses[1]?.when).toBeUndefined();
    const when = compileCel(refunds.responses[0]?.when ?? 'false');
    const vars = (body: unknown) => toCelVariables({ params: {}, query: {}, headers: {}, body } as never);
    expect(when.evaluate(vars({ order: '7', reason: 'broken', customer: { id: 3 }, extra: true }))).toBe(true);
    expect(when.evaluate(vars({ order: '7', reason: 'broken' }))).toBe(false);
    expect(when.evaluate(vars({ order: '8', reason: 'broken', customer: { id: 3 } }))).toBe(false);
    expect(when.evaluate(vars('text'))).toBe(false);
    const auth = compileCel(routeOf(result, 'get_basic').responses[0]?.when ?? 'false');
    // "ann:s3cret" in base64 is YW5uOnMzY3JldA==
    expect(auth.evaluate(toCelVariables({ headers: { authorization: 'Basic YW5uOnMzY3JldA==' } }))).toBe(true);
  });

  it('lists what it could not convert: templating helpers, XML matchers, missing body files, proxying, unreadable files', () => {
    expect(result.problems.map((p) => `${p.file.split('/').pop() ?? ''} ${p.path}: ${p.message}`)).toEqual([
      'broken.json (syntax): invalid YAML/JSON: Flow map in block collection must be sufficiently indented and end with a }',
      'broken.json (syntax): invalid YAML/JSON: Flow map must end with a }',
      'no-request.json (root): a stub mapping needs a request object: left out',
      "order-by-id.json response.jsonBody.token: template {{randomValue length=8 type='ALPHANUMERIC'}} is not converted: left out",
      "order-status.json mappings[16].response.bodyFileName: body file order-8.json not found in __files/ (no such file '__files/order-8.json'): the response has no body",
      'order-status.json mappings[17].request.bodyPatterns[0]: matchesXPath: XML matchers are not converted: this stub is left out (it would match more than it should)',
      'order-status.json mappings[18].response.proxyBaseUrl: proxying to https://api.example.com is not converted: stub left out',
      'order-status.json mappings[20].response.body: template {{now}} is not converted: left out of the body',
    ]);
  });

  it('a single mapping file converts alone; a fault on a stub that shares its route is listed, not spread to the others', async () => {
    const single = await convertFixture('wiremock/mappings/order-by-id.json');
    expect(single.mocks.routes.map((r) => r.id)).toEqual(['order_by_id']);
    const shared = await convertMocks(
      memorySources([
        {
          name: 'm.json',
          content: JSON.stringify({
            mappings: [
              { request: { method: 'GET', url: '/x', headers: { 'x-fail': { equalTo: 'yes' } } }, response: { fault: 'CONNECTION_RESET_BY_PEER' } },
              { request: { method: 'GET', url: '/x' }, response: { status: 200, fixedDelayMilliseconds: 50 } },
            ],
          }),
        },
      ]),
    );
    expect(routeOf(shared, 'get_x').faults).toEqual([]);
    expect(issuesOf(shared.problems, 'm.json')).toEqual(['mappings[0].response: the fault is not converted: flowbench faults are per route and GET /x has 2 stubs']);
    expect(issuesOf(shared.notes, 'm.json')).toEqual(['mappings[1]: stubs on GET /x have different delays; flowbench latency is per route: this stub\'s is used']);
  });
});
