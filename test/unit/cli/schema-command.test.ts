import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempTree } from '../../support/cli-harness';

describe('flowbench schema', () => {
  const tree = tempTree({});
  afterAll(() => tree.cleanup());

  it('prints the JSON Schema of one format', async () => {
    const run = await cli(['schema', 'flow'], tree.dir);
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout) as { $schema: string; title: string; required: string[]; properties: Record<string, unknown> };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('flowbench flow');
    expect(schema.required).toEqual(['format', 'name', 'start', 'modules']); // channel defaults to chat
    expect(Object.keys(schema.properties)).toContain('endpoints');
  });

  it('writes every format into a folder', async () => {
    const run = await cli(['schema', 'all', '--out', 'schemas'], tree.dir);
    expect(run.code).toBe(0);
    for (const name of ['flow', 'mocks', 'scenario', 'session', 'bundle', 'results']) {
      const text = readFileSync(join(tree.dir, 'schemas', `${name}.schema.json`), 'utf8');
      expect(JSON.parse(text)).toMatchObject({ title: expect.stringContaining('flowbench') });
    }
  });

  it('refuses an unknown format with exit 2 and the list of formats', async () => {
    const run = await cli(['schema', 'flows'], tree.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("expected one of flow, mocks, scenario, session, bundle, results or all, got 'flows'");
  });
});
