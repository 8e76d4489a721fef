/**
 * bench/convert: `flowbench convert` on a generated 500-operation OpenAPI 3 document (YAML,
 * with component $refs, a second file of schemas, examples on half the responses and sampled
 * bodies on the other half, extra statuses). Goal: < 2 s for the whole conversion, output
 * YAML included. Every figure is printed; a missed goal is marked but does not fail the run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { convertMocks } from '../../main/convert/convert-mocks';
import { convertedYaml } from '../../main/convert/convert-output';
import { diskSources } from '../../main/convert/source-files';

const OPERATIONS = 500;
const GOAL_MS = 2000;

/** 250 resources, each with GET /things{n}/{id} and POST /things{n}: 500 operations. */
function document(): { api: unknown; schemas: unknown } {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (let n = 0; n < OPERATIONS / 2; n++) {
    schemas[`Thing${n}`] = {
      type: 'object',
      required: ['id', 'name'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        name: { type: 'string', example: `thing ${n}` },
        price: { type: 'number', minimum: 1 },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
        owner: { $ref: '#/components/schemas/Owner' },
        created: { type: 'string', format: 'date-time' },
      },
    };
    const withExample = n % 2 === 0;
    paths[`/things${n}/{id}`] = {
      get: {
        operationId: `getThing${n}`,
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': withExample ? { example: { id: `t-${n}`, name: `thing ${n}` } } : { schema: { $ref: `./schemas.yaml#/Thing${n}` } } },
          },
          '404': { $ref: '#/components/responses/NotFound' },
        },
      },
    };
    paths[`/things${n}`] = {
      post: {
        operationId: `createThing${n}`,
        responses: {
          '201': { description: 'created', content: { 'application/json': { schema: { $ref: '#/components/schemas/Created' } } } },
          '422': { description: 'invalid', content: { 'application/json': { example: { error: 'invalid' } } } },
        },
      },
    };
  }
  return {
    api: {
      openapi: '3.0.3',
      info: { title: 'Bench API', version: '1' },
      servers: [{ url: 'https://api.example.com/v2' }],
      paths,
      components: {
        schemas: {
          Owner: { type: 'object', properties: { id: { type: 'integer' }, email: { type: 'string', format: 'email' } } },
          Created: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, at: { type: 'string', format: 'date-time' } } },
        },
        responses: { NotFound: { description: 'no such thing', content: { 'application/json': { example: { error: 'not found' } } } } },
      },
    },
    schemas: Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, JSON.parse(JSON.stringify(v).replaceAll('#/components/schemas/Owner', './api.yaml#/components/schemas/Owner')) as unknown])),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'flowbench-bench-convert-'));
  try {
    const { api, schemas } = document();
    writeFileSync(join(dir, 'api.yaml'), stringify(api, { aliasDuplicateObjects: false }));
    writeFileSync(join(dir, 'schemas.yaml'), stringify(schemas, { aliasDuplicateObjects: false }));
    const rows: [string, string, string][] = [];
    for (let round = 1; round <= 3; round++) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const result = await convertMocks(await diskSources(join(dir, 'api.yaml'), dir));
      const yaml = convertedYaml(result, '# yaml-language-server: $schema=../schemas/mocks.schema.json');
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      if (result.mocks.routes.length !== OPERATIONS) throw new Error(`expected ${OPERATIONS} routes, got ${result.mocks.routes.length}`);
      if (result.problems.length > 0) throw new Error(`unexpected problems: ${result.problems.map((p) => p.message).join('; ')}`);
      const mark = ms < GOAL_MS ? `goal < ${GOAL_MS} ms ✓` : `goal < ${GOAL_MS} ms ✗ MISSED`;
      rows.push([`convert ${OPERATIONS} operations (round ${round}${round === 1 ? ', cold' : ''})`, `${ms.toFixed(0)} ms`, mark]);
      // On a busy machine wall time waits for other processes; CPU time is this conversion's own work.
      rows.push(['  CPU time (user + system)', `${cpuMs.toFixed(0)} ms`, '']);
      if (round === 1) rows.push(['  output', `${(yaml.length / 1024).toFixed(0)} KiB`, '']);
    }
    const width = Math.max(...rows.map((r) => r[0].length));
    for (const [what, value, goal] of rows) process.stdout.write(`${what.padEnd(width)}  ${value.padStart(10)}  ${goal}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/convert failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
