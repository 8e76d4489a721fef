import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MocksFile } from '../../../main/api/formats/mocks';
import { runCli } from '../../../main/cli/run-cli';
import { cli } from '../../support/cli-harness';
import { expectSchemaModeline } from '../../support/modeline';
import { repoRoot } from '../../support/paths';
import { fakeIo } from '../mock-server/cli-io-fake';
import { eventually, json, send } from '../mock-server/http-exchange';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowbench-convert-'));
  cpSync(join(repoRoot, 'test', 'fixtures', 'convert'), join(dir, 'sources'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('flowbench convert', () => {
  it('writes a valid flowbench.mocks/1 file with -o, lists what it did not convert, exits 0 with the warning count', async () => {
    const run = await cli(['convert', 'sources/wiremock', '-o', 'out/wiremock.mocks.yaml'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('not converted (8):');
    expect(run.stdout).toMatch(/sources\/wiremock\/mappings\/order-status\.json:\d+:\d+ mappings\[18\]\.response\.proxyBaseUrl: proxying to https:\/\/api\.example\.com is not converted: stub left out/);
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('flowbench convert: 21 routes written to out/wiremock.mocks.yaml, 8 warnings');
    const text = readFileSync(join(dir, 'out', 'wiremock.mocks.yaml'), 'utf8');
    // The modeline first (editors check the file as it is typed), then where it came from.
    expectSchemaModeline(text, join(dir, 'out', 'wiremock.mocks.yaml'), 'mocks');
    expect(text.split('\n').slice(1, 3)).toEqual([
      '# Converted by flowbench convert from sources/wiremock/mappings/no-request.json (WireMock mappings), sources/wiremock/mappings/order-by-id.json (WireMock mappings), sources/wiremock/mappings/order-status.json (WireMock mappings).',
      '# 8 items were not converted (flowbench convert lists them).',
    ]);
    const validate = await cli(['validate', 'out/wiremock.mocks.yaml'], dir);
    expect([validate.code, validate.stdout]).toEqual([0, '✓ out/wiremock.mocks.yaml  mocks: 21 routes\n1 valid, 0 invalid\n']);
  });

  it('without -o the YAML goes to standard output and the report to standard error', async () => {
    const run = await cli(['convert', 'sources/har/shop.har', '--seed', '9', '--name', 'from the HAR'], dir);
    expect(run.code).toBe(0);
    const mocks = MocksFile.parse(parse(run.stdout));
    // Standard output is most likely saved in the current folder: the modeline points from there.
    expectSchemaModeline(run.stdout, join(dir, 'converted.mocks.yaml'), 'mocks');
    expect([mocks.name, mocks.seed, mocks.routes.map((r) => r.id)]).toEqual(['from the HAR', 9, ['get_orders_12345']]);
    expect(run.stderr).toContain('flowbench convert: 1 route written to standard output, 0 warnings');
  });

  it.each(['truncated.json', 'unknown.yaml', 'openapi-bad-paths.yaml', 'swagger-bad-version.json', 'mockoon-bad-routes.json', 'wiremock-bad.json', 'har-bad.har'])(
    'exits 2 when %s cannot be read as any known format, saying where and why',
    async (file) => {
      const run = await cli(['convert', `sources/malformed/${file}`, '-o', `out/${file}.mocks.yaml`], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`flowbench convert: nothing in sources/malformed/${file} could be read as a known format`);
      expect(run.stderr).toContain(`sources/malformed/${file}`);
      expect(existsSync(join(dir, 'out', `${file}.mocks.yaml`))).toBe(false);
    },
  );

  it('exits 2 on a path that does not exist', async () => {
    const run = await cli(['convert', 'sources/nope.yaml'], dir);
    expect([run.code, run.stderr]).toEqual([2, 'flowbench convert: sources/nope.yaml: cannot read: no such file or folder\n']);
  });
});

/** A flow per source format, using the converted routes. */
const FLOWS: Record<string, string> = {
  'openapi.flow.yaml': `format: flowbench.flow/1
name: orders over the converted OpenAPI
channel: chat
start: look
contexts: { order_id: "A-9" }
endpoints:
  - { id: order, url: "/v1/orders/{{order_id}}", map: { state: body.state } }
  - { id: create, method: POST, url: /v1/orders, headers: { prefer: example=large }, body: { items: 40 }, map: { items: body.items } }
modules:
  - { id: look, type: api, endpoint: order, ports: { success: create, failure: sorry } }
  - { id: create, type: api, endpoint: create, ports: { success: tell, failure: sorry } }
  - { id: tell, type: say, text: "Order {{state}}, {{items}} items.", ports: { next: bye } }
  - { id: sorry, type: handover }
  - { id: bye, type: end }
`,
  'wiremock.flow.yaml': `format: flowbench.flow/1
name: polling the converted WireMock scenario
channel: chat
start: poll
endpoints:
  - id: status
    url: /status/42
    timeoutMs: 2000
    map: { state: body.state }
    ports: [ { name: pending, when: "body.state == 'pending'" } ]
modules:
  - { id: poll, type: api_async, endpoint: status, ports: { next: pause } }
  - { id: pause, type: wait, ms: 500, ports: { next: check } }
  - { id: check, type: api_await, endpoint: status, timeoutMs: 1000, ports: { success: bye, pending: tries, waiting: tries, failure: sorry } }
  - { id: tries, type: counter, name: polls, max: 3, ports: { next: poll, exceeded: sorry } }
  - { id: sorry, type: handover }
  - { id: bye, type: end }
`,
  'mockoon.flow.yaml': `format: flowbench.flow/1
name: orders over the converted Mockoon environment
channel: chat
start: look
contexts: { order_id: "404" }
endpoints:
  - { id: order, url: "/api/orders/{{order_id}}", timeoutMs: 1000, statusContext: code, ports: [ { name: not_found, when: status == 404 } ] }
modules:
  - { id: look, type: api, endpoint: order, ports: { success: bye, not_found: bye, failure: sorry } }
  - { id: sorry, type: handover }
  - { id: bye, type: end }
`,
  'har.flow.yaml': `format: flowbench.flow/1
name: replaying the converted HAR
channel: chat
start: first
endpoints:
  - { id: order, url: /orders/12345, timeoutMs: 3000, statusContext: code }
modules:
  - { id: first, type: api, endpoint: order, ports: { success: second, failure: sorry } }
  - { id: second, type: api, endpoint: order, ports: { success: bye, failure: sorry } }
  - { id: sorry, type: handover }
  - { id: bye, type: end }
`,
};

/** Each expectation worked by hand from the converted routes (latencies in comments). */
const SCENARIOS: Record<string, string> = {
  'openapi.scenario.yaml': `format: flowbench.scenario/1
flow: openapi.flow.yaml
mocks: out/openapi.mocks.yaml
name: the example order, then the large example by Prefer
expect:
  - ends: end
  - says: "Order shipped, 40 items."
  - requests: { endpoint: create, method: POST, headers: { prefer: example=large }, body: { items: 40 } }
`,
  'wiremock.scenario.yaml': `format: flowbench.scenario/1
flow: wiremock.flow.yaml
mocks: out/wiremock.mocks.yaml
name: the scenario moves pending, pending, ready
# Zero latency: r1 at 0 (pending), check at 500 → pending; r2 at 500 (pending), check at 1000 → pending;
# r3 at 1000 (ready), check at 1500 → success.
expect:
  - ends: end
  - port: { module: check, is: pending, nth: 2 }
  - port: { module: check, is: success, nth: 3 }
  - context: { state: ready, polls: 2 }
  - requests: { endpoint: status, count: 3 }
`,
  'mockoon.scenario.yaml': `format: flowbench.scenario/1
flow: mockoon.flow.yaml
mocks: out/mockoon.mocks.yaml
name: the params rule answers 404 after 300 ms (environment 100 + response 200)
expect:
  - ends: end
  - port: { module: look, is: not_found, nth: 1 }
  - context: { code: 404 }
`,
  'har.scenario.yaml': `format: flowbench.scenario/1
flow: har.flow.yaml
mocks: out/har.mocks.yaml
name: recorded 200 after 400 ms, then recorded 503 after 1200 ms
expect:
  - ends: handover
  - port: { module: first, is: success, nth: 1 }
  - port: { module: second, is: failure, nth: 1 }
  - context: { code: 503 }
`,
};

describe('round trip: convert → validate → flowbench mock serves it → scenarios of a flow that uses it run', () => {
  beforeAll(async () => {
    for (const [name, source] of [
      ['openapi', 'sources/openapi'],
      ['wiremock', 'sources/wiremock'],
      ['mockoon', 'sources/mockoon/shop.mockoon.json'],
      ['har', 'sources/har/shop.har'],
    ] as const) {
      const run = await cli(['convert', source, '-o', `out/${name}.mocks.yaml`, '-q'], dir);
      if (run.code !== 0) throw new Error(`convert ${source}: ${run.output}`);
    }
    for (const [file, text] of Object.entries({ ...FLOWS, ...SCENARIOS })) writeFileSync(join(dir, file), text);
  });

  it('validate passes on every converted file and on the scenarios using them', async () => {
    const run = await cli(['validate', 'out/openapi.mocks.yaml', 'out/wiremock.mocks.yaml', 'out/mockoon.mocks.yaml', 'out/har.mocks.yaml', ...Object.keys(SCENARIOS)], dir);
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('8 valid, 0 invalid');
    expect(run.code).toBe(0);
  });

  it('flowbench mock serves a converted file', async () => {
    const fake = fakeIo(dir);
    const exit = runCli(['mock', 'out/wiremock.mocks.yaml'], fake.io);
    await eventually(() => /serving \d+ routes on (http:\/\/127\.0\.0\.1:\d+)/.test(fake.out()));
    const url = /serving \d+ routes on (http:\/\/127\.0\.0\.1:\d+)/.exec(fake.out())?.[1] ?? '';
    expect(fake.out()).toContain('serving 21 routes');
    const status = async () => json(await send(`${url}/status/42`, { headers: { 'x-flowbench-session': 'cli' } }));
    expect([await status(), await status(), await status()]).toEqual([{ state: 'pending' }, { state: 'pending' }, { state: 'ready' }]);
    // Each journal line says how the request moved the state.
    await eventually(() => fake.out().includes('[state order flow: "pending-again" → "ready"]'));
    expect(fake.out()).toContain('GET /status/42 → 200 get_status_42');
    expect(fake.out()).toContain('[session cli] [state order flow: "Started" → "pending-again"]');
    fake.interrupt();
    expect(await exit).toBe(0);
  });

  it('the scenarios pass on the virtual clock, and the stateful one on the real clock too', async () => {
    const run = await cli(['run', ...Object.keys(SCENARIOS)], dir);
    expect(run.stdout).toContain('4 passed, 0 failed, 0 errors');
    expect(run.code).toBe(0);
    const real = await cli(['run', 'wiremock.scenario.yaml', '--clock', 'real'], dir);
    expect(real.stdout).toContain('1 passed, 0 failed, 0 errors');
    expect(real.code).toBe(0);
  });
});
