import { describe, expect, it } from 'vitest';
import { convertedYaml } from '../../../main/convert/convert-output';
import { convertMocks } from '../../../main/convert/convert-mocks';
import { memorySources } from '../../../main/convert/source-files';
import { convertFixture, issuesOf, routeOf } from './convert-fixture';

const prefer = (what: string): string => `'prefer' in headers && headers['prefer'].contains('${what}')`;

describe('OpenAPI 3.0 → flowbench mocks (SPEC §7.3)', async () => {
  const result = await convertFixture('openapi/orders.openapi.yaml');

  it('one route per operation, {id} → :id, the server base path in front, concrete paths before templated ones', () => {
    expect(result.mocks.routes.map((r) => `${r.method} ${r.path} ${r.id}`)).toEqual([
      'GET /v1/orders/mine myOrders',
      'GET /v1/orders/:id getOrder',
      'POST /v1/orders createOrder',
      'GET /v1/orders/:id/label orderLabel',
      'GET /v1/orders/:id/invoice orderInvoice',
      'GET /v1/tree categoryTree',
      'GET /v1/remote remoteSchema',
      'GET /v1/secret outsideSchema',
      'GET /v1/broken brokenRef',
    ]);
    expect(result.mocks.name).toBe('Orders API');
  });

  it('the first 2xx answers from its example (with its headers); the other statuses are extra responses asked for by Prefer', () => {
    expect(routeOf(result, 'getOrder').responses).toEqual([
      { when: prefer('code=404'), status: 404, headers: {}, weight: 1, body: { code: 404, message: 'not found' } },
      { status: 200, headers: { 'x-rate-limit': '100' }, weight: 1, body: { id: 'A-1', state: 'shipped', eta: 'tomorrow' } },
    ]);
  });

  it('named examples: the first answers, the others by Prefer: example=<name>; a $ref’d response keeps its status', () => {
    expect(routeOf(result, 'createOrder').responses.map((r) => [r.when ?? null, r.status, r.body])).toEqual([
      [prefer('code=422'), 422, { error: 'invalid' }],
      [prefer('example=large'), 201, { id: 'L-1', items: 40 }],
      [null, 201, { id: 'S-1', items: 1 }],
    ]);
  });

  it('a schema without an example is sampled (openapi-sampler; writeOnly left out, minimum kept), through a $ref to another file', () => {
    expect(routeOf(result, 'myOrders').responses[0]?.body).toEqual([{ id: 'M-7', total: 10, placed: '2019-08-24T14:15:22Z' }]);
    expect(routeOf(result, 'categoryTree').responses[0]?.body).toMatchObject({ name: 'root' });
  });

  it('text and XML bodies are served as text with their content type', () => {
    expect(routeOf(result, 'orderLabel').responses[0]).toMatchObject({ headers: { 'content-type': 'text/plain' }, body: 'ORDER A-1' });
    expect(routeOf(result, 'orderInvoice').responses[0]).toMatchObject({ headers: { 'content-type': 'application/xml' }, body: '<invoice>\n  <total>9.5</total>\n</invoice>\n' });
  });

  it('lists what it could not convert, with file, path and line: URLs not fetched, files outside the folder, broken $refs, methods flowbench does not serve', () => {
    const problems = result.problems.map((p) => `${p.file.split('/').pop() ?? ''}:${p.line ?? '?'} ${p.path}: ${p.message}`);
    expect(problems).toEqual([
      'orders.openapi.yaml:108 paths["/broken"].get.responses["200"]: $ref not resolved (Missing $ref pointer "#/components/responses/DoesNotExist". Token "DoesNotExist" does not exist.): left out',
      'orders.openapi.yaml:94 paths["/remote"].get.responses["200"].content["application/json"].schema: $ref not resolved (https://schemas.example.com/order.json: URLs are not fetched): left out',
      expect.stringMatching(/^orders\.openapi\.yaml:103 paths\["\/secret"\]\.get\.responses\["200"\]\.content\["application\/json"\]\.schema: \$ref not resolved \(.*package\.json: it leads outside the folder being converted\): left out$/),
      'orders.openapi.yaml:83 paths["/tree"].head: method HEAD is not served by flowbench mocks (GET, POST, PUT, PATCH, DELETE): left out',
    ]);
    expect(issuesOf(result.notes, 'orders.openapi.yaml')).toEqual([
      "servers[0].url: the base path /v1 is part of every route's path",
      `paths["/orders/{id}"].get.responses.default: the 'default' response has no status code: left out (a Prefer header cannot ask for it)`,
      'paths["/broken"].get.responses: no usable response documented: answers 200 with no body',
    ]);
  });

  it('the same document converts to the same bytes (the sampler is deterministic)', async () => {
    const modeline = '# yaml-language-server: $schema=../schemas/mocks.schema.json';
    expect(convertedYaml(await convertFixture('openapi/orders.openapi.yaml'), modeline)).toBe(convertedYaml(result, modeline));
  });
});

describe('Swagger 2 and OpenAPI 3.1', () => {
  it('Swagger 2: basePath, examples by media type, schema samples, header defaults, an id from method and path', async () => {
    const swagger = await convertFixture('openapi/pets.swagger.json');
    expect(swagger.mocks.routes.map((r) => `${r.method} ${r.path} ${r.id}`)).toEqual(['GET /api/pets listPets', 'GET /api/pets/:petId showPet', 'DELETE /api/pets/:petId delete_pets_petId']);
    expect(routeOf(swagger, 'listPets').responses).toEqual([{ status: 200, headers: { 'x-total': '2' }, weight: 1, body: [{ id: 0, name: 'Tom' }] }]);
    expect(routeOf(swagger, 'showPet').responses.map((r) => [r.status, r.body])).toEqual([
      [404, { message: 'no such pet' }],
      [200, { id: 7, name: 'Rex' }],
    ]);
    expect(routeOf(swagger, 'delete_pets_petId').responses).toEqual([{ status: 204, headers: {}, weight: 1 }]);
  });

  it('OpenAPI 3.1: a 2XX range answers 200; type lists and examples arrays; a JSON media type other than application/json is kept', async () => {
    const status = await convertFixture('openapi/status.openapi31.yaml');
    expect(status.mocks.routes[0]?.responses).toEqual([{ status: 200, headers: { 'content-type': 'application/problem+json' }, weight: 1, body: { ok: true, note: 'all good' } }]);
  });

  it('uploaded files (the Import button): $refs among them resolve; a $ref to a file not given is listed', async () => {
    const api = `openapi: 3.0.3
info: { title: upload, version: '1' }
paths:
  /a:
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: 'parts/a.yaml' } } } }
  /b:
    get:
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '../b.yaml' } } } }
`;
    const converted = await convertMocks(memorySources([
      { name: 'api.yaml', content: api },
      { name: 'parts/a.yaml', content: 'type: object\nproperties: { a: { type: string, example: from a part } }\n' },
    ]));
    expect(converted.mocks.routes.map((r) => r.responses[0]?.body ?? null)).toEqual([{ a: 'from a part' }, null]);
    expect(converted.problems.map((p) => `${p.file} ${p.path}: ${p.message}`)).toEqual([
      `api.yaml paths["/b"].get.responses["200"].content["application/json"].schema: $ref not resolved (/b.yaml: it leads outside the folder being converted): left out`,
    ]);
  });
});
