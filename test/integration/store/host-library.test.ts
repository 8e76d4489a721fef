import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlowFileInput } from '../../../main/api/formats/flow';
import type { CallResult } from '../../../main/api/errors';
import { createHost } from '../../../main/host/host';
import type { Host } from '../../../main/host/host';
import { examplesDir, repoRoot } from '../../support/paths';
import { useTempDir } from './fixtures/temp-dir';
import { exampleCounts } from '../../support/example-counts';

const tempDir = useTempDir();
const hosts: Host[] = [];

afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

function newHost(dbFile = join(tempDir(), 'library.db')): Host {
  const host = createHost({ mode: 'browser', appRoot: repoRoot, name: 'flowbench', version: '0.0.1-test', dataDir: tempDir(), examplesDir, dbFile, onInternalError: () => {} });
  hosts.push(host);
  return host;
}

/** Calls a route and returns its value, failing the test on an error. */
async function ok<T = Record<string, unknown>>(host: Host, name: string, input: unknown): Promise<T> {
  const result = await host.dispatch(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function fails(host: Host, name: string, input: unknown): Promise<Extract<CallResult<unknown>, { ok: false }>['error']> {
  const result = await host.dispatch(name, input);
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

const hello: FlowFileInput = {
  format: 'flowbench.flow/1',
  name: 'Hello',
  start: 'hi',
  modules: [
    { id: 'hi', type: 'say', text: 'Hello!', ports: { next: 'bye' } },
    { id: 'bye', type: 'end' },
  ],
};

describe('the library through host.dispatch', () => {
  it('creates, lists, searches, gets, updates and deletes flows', async () => {
    const host = newHost();
    const created = await ok<{ id: number; path: string; flow: unknown }>(host, 'flows.create', { flow: hello });
    expect(created.path).toBe('flows/hello.flow.yaml');
    expect(created.flow).toEqual(hello); // as written: no defaults filled in
    await ok(host, 'flows.create', { flow: { ...hello, name: 'Other' }, path: 'shared/other.flow.yaml' });
    expect(await ok(host, 'flows.list', {})).toMatchObject({ total: 2 });
    expect(await ok(host, 'flows.list', { text: 'HELL' })).toMatchObject({ total: 1, items: [{ name: 'Hello', channel: 'chat', scenarios: 0 }] });
    expect(await ok(host, 'flows.list', { text: 'shared/' })).toMatchObject({ total: 1, items: [{ name: 'Other' }] });

    const updated = await ok<{ name: string; sha256: string }>(host, 'flows.update', { id: created.id, flow: { ...hello, name: 'Hello again' } });
    expect(updated.name).toBe('Hello again');
    expect(await ok(host, 'flows.get', { id: created.id })).toMatchObject({ name: 'Hello again', path: 'flows/hello.flow.yaml' });
    expect(await ok(host, 'flows.delete', { id: created.id })).toEqual({ id: created.id });
    expect((await fails(host, 'flows.get', { id: created.id })).code).toBe('not_found');
  });

  it('rejects an invalid flow with located issues, like a file', async () => {
    const host = newHost();
    const error = await fails(host, 'flows.create', {
      flow: { ...hello, modules: [{ id: 'hi', type: 'say', text: 'x', ports: { next: 'nowhere' } }, { id: 'bye', type: 'teleport' }] },
    });
    expect(error.code).toBe('invalid_input');
    expect(error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'flow.modules[0].ports.next', message: expect.stringContaining("unknown module 'nowhere'") as unknown }),
        expect.objectContaining({ path: 'flow.modules[1].type' }),
      ]),
    );
    expect((await fails(host, 'flows.create', { flow: 'not an object' })).issues).toEqual([expect.objectContaining({ path: 'flow' })]);
    expect((await fails(host, 'flows.create', { flow: hello, path: '../escape.flow.yaml' })).issues).toEqual([expect.objectContaining({ path: 'path' })]);
    expect(await ok(host, 'flows.list', {})).toMatchObject({ total: 0 });
  });

  it('creates scenarios against library flows, checks them like files, and keeps tags and files', async () => {
    const host = newHost();
    await ok(host, 'flows.create', { flow: hello });
    const s1 = await ok<{ id: number; file: string; index: number; tags: string[] }>(host, 'scenarios.create', {
      scenario: { name: 'says hello', flow: 'flows/hello.flow.yaml', tags: ['smoke'], expect: [{ ends: 'end' }, { says: 'Hello' }] },
    });
    expect(s1).toMatchObject({ file: 'scenarios/says-hello.scenario.yaml', index: 0, tags: ['smoke'], flow: { name: 'Hello' } });
    const s2 = await ok<{ id: number; index: number }>(host, 'scenarios.create', {
      file: 'scenarios/says-hello.scenario.yaml',
      scenario: { name: 'visits both', flow: 'flows/hello.flow.yaml', expect: [{ visits: ['hi', 'bye'] }] },
    });
    expect(s2.index).toBe(1);

    const bad = await fails(host, 'scenarios.create', {
      scenario: { name: 'wrong', flow: 'flows/hello.flow.yaml', expect: [{ port: { module: 'hi', is: 'sideways' } }, { requests: { endpoint: 'nope', count: 1 } }] },
    });
    expect(bad.code).toBe('invalid_input');
    expect(bad.issues?.map((i) => i.path)).toEqual(['scenario.expect[0].port.is', 'scenario.expect[1].requests.endpoint']);
    const missing = await fails(host, 'scenarios.create', { scenario: { name: 'x', flow: 'flows/none.flow.yaml' } });
    expect(missing.issues).toEqual([expect.objectContaining({ path: 'scenario.flow', message: expect.stringContaining('no flow') as unknown })]);

    expect(await ok(host, 'scenarios.list', { tag: 'smoke' })).toMatchObject({ total: 1, items: [{ name: 'says hello' }] });
    expect(await ok(host, 'scenarios.list', { text: 'VISITS' })).toMatchObject({ total: 1, items: [{ name: 'visits both' }] });
    expect(await ok(host, 'scenarios.list', { text: 'hello' })).toMatchObject({ total: 2 }); // file and flow name match
    expect(await ok(host, 'scenarios.list', { name: 'hello' })).toMatchObject({ total: 1 });
    expect(await ok(host, 'scenarios.tags', {})).toEqual({ tags: [{ tag: 'smoke', scenarios: 1 }] });
    expect(await ok(host, 'scenarios.get', { id: s1.id })).toMatchObject({ scenario: { name: 'says hello', flow: 'flows/hello.flow.yaml' }, fileSettings: {} });

    // A flow change that breaks a scenario's check is refused and names the scenario.
    const flowId = (await ok<{ items: { id: number }[] }>(host, 'flows.list', {})).items[0]?.id;
    const breaking = await fails(host, 'flows.update', { id: flowId, flow: { ...hello, modules: [{ id: 'bye', type: 'end' }], start: 'bye' } });
    expect(breaking.code).toBe('invalid_input');
    expect(breaking.issues?.[0]?.path).toContain('scenarios/says-hello.scenario.yaml');
    // …and deleting a flow in use is a conflict.
    expect((await fails(host, 'flows.delete', { id: flowId })).code).toBe('conflict');

    await ok(host, 'scenarios.update', { id: s2.id, scenario: { name: 'visits both (edited)', flow: 'flows/hello.flow.yaml', tags: ['edited'] } });
    expect(await ok(host, 'scenarios.get', { id: s2.id })).toMatchObject({ name: 'visits both (edited)', index: 1, tags: ['edited'] });
    await ok(host, 'scenarios.delete', { id: s1.id });
    expect(await ok(host, 'scenarios.get', { id: s2.id })).toMatchObject({ index: 0 });
  });

  it('creates, updates and deletes mock sets; an update that breaks an override is refused', async () => {
    const host = newHost();
    await ok(host, 'library.import', { paths: [examplesDir] });
    const sets = await ok<{ items: { id: number; name: string; routes: number; scenarios: number }[] }>(host, 'mockSets.list', {});
    const counts = await exampleCounts();
    expect(sets.items).toMatchObject([
      { name: 'shop', routes: 3, scenarios: counts.scenarios - 2 },
      { name: 'status-polling', routes: 1, scenarios: 2 },
    ]);
    const id = sets.items.find((s) => s.name === 'shop')?.id;
    const record = await ok<{ mocks: { routes: unknown[] } }>(host, 'mockSets.get', { id });
    const withoutRefunds = { ...record.mocks, routes: record.mocks.routes.slice(0, 1) };
    const error = await fails(host, 'mockSets.update', { id, mocks: withoutRefunds });
    expect(error.code).toBe('invalid_input');
    expect(error.issues?.some((i) => i.message.includes("unknown route 'create_refund'"))).toBe(true);
    expect((await fails(host, 'mockSets.delete', { id })).code).toBe('conflict');
    const created = await ok<{ id: number; path: string }>(host, 'mockSets.create', { mocks: { format: 'flowbench.mocks/1', name: 'Empty', routes: [] } });
    expect(created.path).toBe('mocks/empty.mocks.yaml');
    expect((await fails(host, 'mockSets.create', { mocks: { format: 'flowbench.mocks/1', routes: [{ id: 'r', path: 'no-slash', responses: [] }] } })).issues?.map((i) => i.path)).toEqual(
      expect.arrayContaining(['mocks.routes[0].path', 'mocks.routes[0].responses']),
    );
    await ok(host, 'mockSets.delete', { id: created.id });
  });

  it('imports, runs stored scenarios, keeps history and compares two runs', async () => {
    const host = newHost();
    const imported = await ok<{ scenarios: { created: number } }>(host, 'library.import', { paths: [examplesDir] });
    const counts = await exampleCounts();
    expect(imported.scenarios.created).toBe(counts.scenarios);

    const first = await ok<{ run: { id: number; passed: number }; results: { scenarioId: number; resultId: number; status: string }[] }>(host, 'scenarios.run', {});
    expect(first.run).toMatchObject({ passed: counts.scenarios, failed: 0, errors: 0, source: 'workbench' });
    const slow = (await ok<{ items: { id: number }[] }>(host, 'scenarios.list', { text: 'slow api — waiting once' })).items[0];
    expect(slow).toBeDefined();
    const scenarioId = slow?.id ?? 0;

    // Make it take the other path: the API now answers within the first await.
    const stored = await ok<{ scenario: Record<string, unknown> }>(host, 'scenarios.get', { id: scenarioId });
    await ok(host, 'scenarios.update', { id: scenarioId, scenario: { ...stored.scenario, overrides: { order_status: { latency: { fixed: 300 } } } } });
    const second = await ok<{ run: { id: number; failed: number } }>(host, 'scenarios.run', { ids: [scenarioId] });
    expect(second.run.failed).toBe(1);

    const history = await ok<{ runs: { runId: number; status: string; checks: { failed: number } }[]; totals: unknown }>(host, 'scenarios.history', { scenarioId });
    expect(history.runs.map((r) => [r.runId, r.status])).toEqual([
      [second.run.id, 'failed'],
      [first.run.id, 'passed'],
    ]);
    expect(history.totals).toEqual({ passed: 1, failed: 1, errors: 0 });

    const diff = await ok<{ statusChanged: boolean; flowChanged: boolean; mocksChanged: boolean; checks: { change: string; check: string }[]; ports: { module: string; nth: number; change: string; before: { port: string } | null; after: { port: string } | null }[] }>(
      host,
      'scenarios.compare',
      { scenarioId, before: first.run.id, after: second.run.id },
    );
    expect(diff.statusChanged).toBe(true);
    expect(diff.flowChanged).toBe(false);
    expect(diff.mocksChanged).toBe(false);
    expect(diff.checks.some((c) => c.change === 'broke')).toBe(true);
    expect(diff.ports).toContainEqual(expect.objectContaining({ module: 'check', nth: 1, change: 'changed', before: expect.objectContaining({ port: 'waiting' }) as unknown, after: expect.objectContaining({ port: 'success' }) as unknown }));

    const resultId = first.results.find((r) => r.scenarioId === scenarioId)?.resultId;
    const result = await ok<{ trace: { type: string }[]; status: string; runId: number }>(host, 'results.get', { id: resultId });
    expect(result.status).toBe('passed');
    expect(result.trace[0]?.type).toBe('start');
    expect(await ok(host, 'library.runs', {})).toMatchObject({ runs: [{ id: second.run.id }, { id: first.run.id }] });
    expect(await ok(host, 'scenarios.list', { text: 'slow api — waiting once' })).toMatchObject({ items: [{ lastRun: { runId: second.run.id, status: 'failed' } }] });
    expect((await fails(host, 'scenarios.compare', { scenarioId, before: first.run.id, after: 999 })).code).toBe('not_found');
  });

  it('exports through the API and reports a bad import with file and path, importing nothing', async () => {
    const host = newHost();
    const dir = tempDir();
    await ok(host, 'library.import', { paths: [examplesDir] });
    // Outside the data and examples folders: opened for the session first.
    expect((await fails(host, 'library.export', { dir })).code).toBe('forbidden');
    await ok(host, 'app.openFolder', { path: dir });
    const exported = await ok<{ files: { action: string }[] }>(host, 'library.export', { dir });
    const counts = await exampleCounts();
    expect(exported.files).toHaveLength(counts.flows + counts.mockSets + counts.scenarioFiles);
    expect((await ok<{ files: { action: string }[] }>(host, 'library.export', { dir })).files.every((f) => f.action === 'unchanged')).toBe(true);

    const flow = join(dir, 'flows', 'refund-chat.flow.yaml');
    writeFileSync(flow, readFileSync(flow, 'utf8').replace('start: ask', 'start: nowhere'));
    const fresh = newHost();
    await ok(fresh, 'app.openFolder', { path: dir });
    const error = await fails(fresh, 'library.import', { paths: [dir] });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('nothing was imported');
    expect(error.issues).toContainEqual(expect.objectContaining({ path: expect.stringMatching(/refund-chat\.flow\.yaml:\d+ start$/) as unknown }));
    expect(await ok(fresh, 'scenarios.list', {})).toMatchObject({ total: 0 });
    expect((await fails(fresh, 'library.import', { paths: ['relative/path'] })).code).toBe('invalid_input');
  });

  it('reports a damaged database file by name on library calls, while the rest of the API works', async () => {
    const file = join(tempDir(), 'broken.db');
    writeFileSync(file, 'not a database');
    const host = newHost(file);
    const error = await fails(host, 'scenarios.list', {});
    expect(error.code).toBe('failed');
    expect(error.message).toContain(file);
    expect(await ok(host, 'app.info', {})).toMatchObject({ name: 'flowbench' });
    expect(readFileSync(file, 'utf8')).toBe('not a database');
  });
});
