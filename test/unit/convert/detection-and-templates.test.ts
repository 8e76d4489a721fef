import { describe, expect, it } from 'vitest';
import { ConvertError, convertMocks } from '../../../main/convert/convert-mocks';
import { detectFormat } from '../../../main/convert/detect-format';
import { expressPath, express4Parts, templateParts } from '../../../main/convert/express-path';
import { memorySources } from '../../../main/convert/source-files';
import { convertTemplates, templatedJson } from '../../../main/convert/source-templates';
import { regexPathParts } from '../../../main/convert/wiremock-url';
import { convertFixture, issuesOf } from './convert-fixture';

describe('formats are detected from the content, not the file name', () => {
  it.each([
    [{ openapi: '3.1.0', paths: {} }, 'openapi3'],
    [{ swagger: '2.0', paths: {} }, 'swagger2'],
    [{ uuid: 'x', lastMigration: 32, routes: [] }, 'mockoon'],
    [{ mappings: [] }, 'wiremock'],
    [{ request: { method: 'GET' }, response: {} }, 'wiremock'],
    [{ log: { entries: [] } }, 'har'],
    [{ format: 'flowbench.mocks/1', routes: [] }, null],
    [{ hello: 'world' }, null],
    [[1, 2], null],
  ])('%j → %s', (value, format) => {
    expect(detectFormat(value).format).toBe(format);
  });
});

describe('HAR (the existing import)', () => {
  it('one route per method and path, responses in order, observed latencies as a sequence; entries without a response are noted', async () => {
    const har = await convertFixture('har/shop.har');
    expect(har.mocks.routes).toEqual([
      {
        id: 'get_orders_12345',
        method: 'GET',
        path: '/orders/12345',
        latency: { sequence: [400, 1200] },
        faults: [],
        pick: 'sequence',
        responses: [
          { status: 200, headers: {}, weight: 1, body: { id: '12345', state: 'shipped' } },
          { status: 503, headers: {}, weight: 1, body: { error: 'busy' } },
        ],
      },
    ]);
    expect(issuesOf(har.notes, 'shop.har')).toEqual(['log.entries[2].response.status: an entry without a response (status 0) is skipped']);
  });
});

describe('malformed inputs of each kind', () => {
  it.each([
    ['malformed/truncated.json', /truncated\.json:1:\d+ \(syntax\): invalid YAML\/JSON/],
    ['malformed/unknown.yaml', /unknown\.yaml \(root\): not a known format/],
    ['malformed/openapi-bad-paths.yaml', /openapi-bad-paths\.yaml:3:8 paths: expected paths to be an object of paths/],
    ['malformed/swagger-bad-version.json', /swagger-bad-version\.json:1:\d+ swagger: expected swagger: "2\.0", got "1\.2"/],
    ['malformed/mockoon-bad-routes.json', /mockoon-bad-routes\.json:1:\d+ routes: expected routes to be a list/],
    ['malformed/wiremock-bad.json', /wiremock-bad\.json:1:\d+ mappings: expected mappings to be a list/],
    ['malformed/har-bad.har', /har-bad\.har:1:1 \(root\): not a HAR 1\.2 file: log\.entries: /],
  ])('%s: nothing converts, a ConvertError says where and why', async (file, message) => {
    const error = await convertFixture(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConvertError);
    expect((error as ConvertError).message).toMatch(message);
  });

  it('a folder mixing good and broken files converts the good ones', async () => {
    const result = await convertMocks(
      memorySources([
        { name: 'ok.json', content: JSON.stringify({ request: { method: 'GET', url: '/ok' }, response: { status: 200 } }) },
        { name: 'bad.json', content: '{ nope' },
        { name: 'notes.md', content: '# not a mock' },
      ]),
    );
    expect(result.mocks.routes.map((r) => r.path)).toEqual(['/ok']);
    expect(result.problems.map((p) => p.file)).toEqual(['bad.json']);
  });
});

describe('templates and paths', () => {
  it('Mockoon and WireMock placeholders become flowbench’s; helpers are dropped and listed', () => {
    expect(convertTemplates("id {{urlParam 'id'}} q {{queryParam 'q'}} {{header 'X-Lang'}} {{body 'a.b'}} {{faker 'x'}}", 'mockoon')).toEqual({
      text: 'id {{params.id}} q {{query.q}} {{headers.x-lang}} {{body.a.b}} ',
      dropped: ["{{faker 'x'}}"],
    });
    expect(convertTemplates("{{request.path.id}} {{request.query.page}} {{request.headers.Accept}} {{jsonPath request.body '$.items[0].sku'}} {{request.pathSegments.[1]}}", 'wiremock')).toEqual({
      text: '{{params.id}} {{query.page}} {{headers.accept}} {{body.items.0.sku}} ',
      dropped: ['{{request.pathSegments.[1]}}'],
    });
  });

  it('a placeholder outside JSON strings becomes a whole-string placeholder (which keeps the value’s type)', () => {
    expect(templatedJson("{\"id\": {{urlParam 'id'}}, \"n\": \"#{{urlParam 'id'}}\", \"x\": {{faker 'y'}}}", 'mockoon')).toEqual({
      value: { id: '{{params.id}}', n: '#{{params.id}}', x: null },
      dropped: ["{{faker 'y'}}"],
    });
  });

  it('paths: OpenAPI templates, Express 4 paths (optional params, *), WireMock path regexes', () => {
    expect(expressPath(templateParts('/files/{name}.{ext}') ?? [])).toBe('/files/:name.:ext');
    expect(expressPath(express4Parts('/api/users/:id?'))).toBe('/api/users{/:id}');
    expect(expressPath(express4Parts('/static/*'))).toBe('/static/*rest');
    expect(() => express4Parts('/n/:n(\\d+)')).toThrow(/has a regex/);
    expect(expressPath(regexPathParts('^/v1\\.2/orders/[0-9]+/items$') ?? [])).toBe('/v1.2/orders/:p1/items');
    expect(regexPathParts('/(a|b/c)/x')).toBeNull();
    expect(expressPath([{ text: '/a(b):c*' }])).toBe('/a\\(b\\)\\:c\\*');
  });
});
