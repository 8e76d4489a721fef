import { afterEach, describe, expect, it } from 'vitest';
import type { Expectation } from '../../../main/api/formats/scenario';
import { FileLoader } from '../../../main/formats/file-loader';
import { FormatError } from '../../../main/formats/format-error';
import { cli, tempTree } from '../../support/cli-harness';
import { endpoint, eventsOf, flow, mocks, route, run } from '../../support/scenario-builder';

/**
 * A chat flow that creates a refund (POST with a JSON body and headers rendered from
 * contexts), then looks the order up twice (GET): three requests at 0 ms (chat; zero latency).
 */
const refunds = flow({
  channel: 'chat',
  start: 'create',
  contexts: { order_id: 'A-1', token: 'abc123', qty: 2 },
  endpoints: [
    endpoint('create_refund', {
      method: 'POST',
      url: '/refunds?source=bot',
      headers: { authorization: 'Bearer {{token}}', 'x-trace': 't-{{order_id}}' },
      body: { order: '{{order_id}}', qty: '{{qty}}', items: [{ sku: 'S1' }, { sku: 'S2' }], note: 'late' },
    }),
    endpoint('lookup', { url: '/orders/{{order_id}}' }),
  ],
  modules: [
    { id: 'create', type: 'api', endpoint: 'create_refund', ports: { success: 'look1', failure: 'look1' } },
    { id: 'look1', type: 'api', endpoint: 'lookup', ports: { success: 'look2', failure: 'look2' } },
    { id: 'look2', type: 'api', endpoint: 'lookup', ports: { success: 'bye', failure: 'bye' } },
    { id: 'bye', type: 'end' },
  ],
});
const shop = mocks([route('create_refund', 0, { method: 'POST', path: '/refunds' }), route('lookup', 0, { path: '/orders/:id' })]);

function checks(expect: Expectation[]) {
  return run({ flow: refunds, mocks: shop, expect }).checks;
}

describe('the request trace event carries what was sent', () => {
  it('rendered method, url, headers (flowbench’s own left out) and body', () => {
    const result = run({ flow: refunds, mocks: shop });
    const [post] = eventsOf(result.trace, 'request');
    expect(post).toMatchObject({
      endpoint: 'create_refund',
      method: 'POST',
      url: '/refunds?source=bot',
      headers: { authorization: 'Bearer abc123', 'x-trace': 't-A-1', 'content-type': 'application/json' },
      body: { order: 'A-1', qty: 2, items: [{ sku: 'S1' }, { sku: 'S2' }], note: 'late' },
    });
    expect(Object.keys(post?.headers ?? {})).not.toContain('x-flowbench-session');
    expect(eventsOf(result.trace, 'request')[1]).not.toHaveProperty('body');
  });
});

describe('requests: checks (SPEC §7.3)', () => {
  it('count alone keeps its meaning: how many requests were sent', () => {
    const [ok, wrong] = checks([{ requests: { endpoint: 'lookup', count: 2 } }, { requests: { endpoint: 'create_refund', count: 2 } }]);
    expect(ok).toMatchObject({ check: 'requests: lookup × 2', ok: true });
    expect(wrong).toEqual({ check: 'requests: create_refund × 2', ok: false, message: '1 request(s) sent to create_refund, expected 2' });
  });

  it('method, url (exact or /regex/), headers (exact or /regex/, any case of name) and a JSON subset of the body', () => {
    const [c] = checks([
      {
        requests: {
          endpoint: 'create_refund',
          method: 'POST',
          url: '/^\\/refunds\\?source=(bot|web)$/',
          headers: { Authorization: '/^bearer [a-z0-9]+$/i', 'X-Trace': 't-A-1' },
          body: { order: 'A-1', items: [{ sku: 'S1' }, {}] },
        },
      },
    ]);
    expect(c).toMatchObject({ ok: true, message: '1 of 1 request(s) sent to create_refund match' });
  });

  it('a failing check shows the closest request with a field-by-field diff, in its message and its detail', () => {
    const [c] = checks([{ requests: { endpoint: 'create_refund', headers: { 'x-trace': '/^t-B/', 'x-missing': 'yes' }, body: { order: 'A-1', qty: 3, items: [{ sku: 'S1' }] } } }]);
    expect(c?.ok).toBe(false);
    expect(c?.message.split('\n')).toEqual([
      'none of the 1 request(s) sent to create_refund match',
      'closest request: create_refund #1 POST /refunds?source=bot at 0 ms',
      '  ✗ headers.x-trace: expected /^t-B/, got t-A-1',
      '  ✗ headers.x-missing: expected yes, got (absent)',
      '  ✓ body.order: "A-1"',
      '  ✗ body.qty: expected 3, got 2',
      '  ✗ body.items: expected [{"sku":"S1"}], got [{"sku":"S1"},{"sku":"S2"}]',
    ]);
    expect(c?.detail).toMatchObject({ kind: 'requests', endpoint: 'create_refund', sent: 1, matched: 0, closest: { id: 'r1', n: 1, method: 'POST' } });
    expect(c?.detail?.diff.filter((d) => !d.ok).map((d) => d.field)).toEqual(['headers.x-trace', 'headers.x-missing', 'body.qty', 'body.items']);
  });

  it('nth: the nth request to the endpoint must match; a missing nth says how many were sent', () => {
    const [second, third] = checks([
      { requests: { endpoint: 'lookup', nth: 2, url: '/orders/A-1', method: 'GET' } },
      { requests: { endpoint: 'lookup', nth: 3 } },
    ]);
    expect(second).toMatchObject({ check: 'requests: lookup #2 where method GET, url /orders/A-1', ok: true });
    expect(third).toMatchObject({ ok: false });
    expect(third?.message.split('\n')[0]).toBe('2 request(s) sent to lookup, no #3');
  });

  it('count with fields counts the matching requests; too few shows the closest that does not match', () => {
    const [exact, tooMany] = checks([
      { requests: { endpoint: 'lookup', count: 2, url: '/orders/A-1' } },
      { requests: { endpoint: 'lookup', count: 1, url: '/orders/A-1' } },
    ]);
    expect(exact).toMatchObject({ ok: true, message: '2 of 2 request(s) sent to lookup match, expected 2' });
    expect(tooMany?.ok).toBe(false);
    expect(tooMany?.message.split('\n').slice(0, 2)).toEqual(['2 of 2 request(s) sent to lookup match, expected 1', 'closest request: lookup #2 GET /orders/A-1 at 0 ms']);
  });

  it('nothing sent to the endpoint: the closest request sent elsewhere, the endpoint as the first difference', () => {
    const quiet = flow({
      channel: 'chat',
      start: 'look',
      endpoints: [endpoint('lookup', { url: '/orders/1' }), endpoint('create_refund', { method: 'POST', url: '/refunds' })],
      modules: [
        { id: 'look', type: 'api', endpoint: 'lookup', ports: { success: 'bye', failure: 'bye' } },
        { id: 'bye', type: 'end' },
      ],
    });
    const [c] = run({ flow: quiet, mocks: shop, expect: [{ requests: { endpoint: 'create_refund', method: 'POST' } }] }).checks;
    expect(c?.message.split('\n')).toEqual([
      'none of the 0 request(s) sent to create_refund match',
      'closest request: lookup #1 GET /orders/1 at 0 ms',
      '  ✗ endpoint: expected create_refund, got lookup',
      '  ✗ method: expected POST, got GET',
    ]);
  });
});

describe('requests: checks are checked when the scenario loads', () => {
  const trees: { cleanup(): void }[] = [];
  afterEach(() => {
    for (const t of trees.splice(0)) t.cleanup();
  });

  const FLOW = `format: flowbench.flow/1
name: f
channel: chat
start: call
endpoints: [ { id: e, url: /e } ]
modules:
  - { id: call, type: api, endpoint: e, ports: { success: bye, failure: bye } }
  - { id: bye, type: end }
`;

  it('an invalid /regex/ (RE2 syntax) and count with nth are errors with their path', async () => {
    const tree = tempTree({
      'f.flow.yaml': FLOW,
      's.scenario.yaml': `format: flowbench.scenario/1
flow: f.flow.yaml
name: bad checks
expect:
  - requests: { endpoint: e, headers: { x-sig: "/(a)\\\\1/" }, url: "/[unclosed/" }
  - requests: { endpoint: e, count: 1, nth: 1 }
`,
    });
    trees.push(tree);
    const error = await new FileLoader(tree.dir).loadScenarios('s.scenario.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    const issues = (error as FormatError).issues.map((i) => `${i.path}: ${i.message}`);
    expect(issues).toEqual([
      'expect[1].requests.nth: expected count or nth, not both (write two checks)',
    ]);
    const fixed = tempTree({
      'f.flow.yaml': FLOW,
      's.scenario.yaml': `format: flowbench.scenario/1
flow: f.flow.yaml
name: bad regexes
expect:
  - requests: { endpoint: e, headers: { x-sig: "/(a)\\\\1/" }, url: "/[unclosed/" }
`,
    });
    trees.push(fixed);
    const run2 = await cli(['validate', 's.scenario.yaml'], fixed.dir);
    expect(run2.code).toBe(2);
    expect(run2.stdout).toContain('expect[0].requests.url: invalid regex /[unclosed/: error parsing regexp: missing closing ]');
    expect(run2.stdout).toContain('expect[0].requests.headers.x-sig: invalid regex /(a)\\1/: error parsing regexp: invalid escape sequence');
  });

  it('a scenario state without mocks is an error', async () => {
    const tree = tempTree({ 'f.flow.yaml': FLOW, 's.scenario.yaml': 'format: flowbench.scenario/1\nflow: f.flow.yaml\nname: no mocks\nstate: { order: ready }\n' });
    trees.push(tree);
    const error = await new FileLoader(tree.dir).loadScenarios('s.scenario.yaml').catch((e: unknown) => e);
    expect((error as FormatError).issues.map((i) => `${i.path}: ${i.message}`)).toEqual(['state: a scenario state needs mocks: it is the initial state of the mock set']);
  });

  it('a scenario state with baseUrl is an error: the state belongs to the run’s own mock server', async () => {
    const tree = tempTree({
      'f.flow.yaml': FLOW,
      'm.mocks.yaml': 'format: flowbench.mocks/1\nroutes: [ { id: e, path: /e, responses: [ { status: 200 } ] } ]\n',
      's.scenario.yaml': 'format: flowbench.scenario/1\nflow: f.flow.yaml\nmocks: m.mocks.yaml\nname: remote\nclock: real\nbaseUrl: http://127.0.0.1:9/\nstate: { order: ready }\n',
    });
    trees.push(tree);
    const error = await new FileLoader(tree.dir).loadScenarios('s.scenario.yaml').catch((e: unknown) => e);
    expect((error as FormatError).issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'state: a scenario state applies to the mock server the run starts; with baseUrl, set the state with PUT /__flowbench/state?session=…',
    ]);
  });
});
