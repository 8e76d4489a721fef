import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileLoader } from '../../../main/formats/file-loader';
import { FormatError } from '../../../main/formats/format-error';
import type { LoadedScenario } from '../../../main/formats/loaded-scenario';
import { exportLibrary } from '../../../main/store/library-export';
import { importLibrary } from '../../../main/store/library-import';
import { selectStoredScenarios } from '../../../main/store/library-runs';
import { Store } from '../../../main/store/store';
import { examplesDir, repoRoot } from '../../support/paths';
import { useTempDir } from './fixtures/temp-dir';
import { exampleCounts } from '../../support/example-counts';

const tempDir = useTempDir();

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[relative(dir, join(entry.parentPath, entry.name))] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

async function importInto(file: string, paths: string[]): Promise<Store> {
  const store = Store.open(file);
  await importLibrary(store, paths);
  return store;
}

async function importError(store: Store, paths: string[]): Promise<FormatError> {
  const error: unknown = await importLibrary(store, paths).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(FormatError);
  return error as FormatError;
}

describe('import and export of the examples', () => {
  it('round-trips: import → export → import → export gives byte-identical files', async () => {
    const dir = tempDir();
    const first = await importInto(join(dir, 'a.db'), [examplesDir]);
    // The schemas beside the exports: each file's modeline reads ../../schemas/<format>.schema.json.
    await exportLibrary(first, join(dir, 'export-1'), join(dir, 'schemas'));
    first.close();
    const second = await importInto(join(dir, 'b.db'), [join(dir, 'export-1')]);
    await exportLibrary(second, join(dir, 'export-2'), join(dir, 'schemas'));
    second.close();

    const one = filesUnder(join(dir, 'export-1'));
    expect(Object.keys(one).sort()).toEqual([
      'flows/order-keypad.flow.yaml',
      'flows/order-status-blocking.flow.yaml',
      'flows/order-status.flow.yaml',
      'flows/refund-chat.flow.yaml',
      'flows/status-polling.flow.yaml',
      'mocks/shop.mocks.yaml',
      'mocks/status-polling.mocks.yaml',
      'scenarios/order-keypad.scenario.yaml',
      'scenarios/order-status-blocking.scenario.yaml',
      'scenarios/order-status.scenario.yaml',
      'scenarios/refund-chat.scenario.yaml',
      'scenarios/status-polling.scenario.yaml',
    ]);
    expect(filesUnder(join(dir, 'export-2'))).toEqual(one);
    expect(one['scenarios/order-status.scenario.yaml']).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/\.\.\/schemas\/scenario\.schema\.json\nformat: flowbench\.scenario\/1\nflow: \.\.\/flows\/order-status\.flow\.yaml\nmocks: \.\.\/mocks\/shop\.mocks\.yaml\n/,
    );
    // Every exported YAML file starts with the modeline of its own format (SPEC: editor support).
    for (const [path, text] of Object.entries(one)) {
      const format = /\.(flow|mocks|scenario)\.yaml$/.exec(path)?.[1];
      expect(text.split('\n')[0], path).toBe(`# yaml-language-server: $schema=../../schemas/${format ?? '?'}.schema.json`);
    }
  });

  it('exports files that FileLoader loads into the same scenarios as the originals', async () => {
    const dir = tempDir();
    const store = await importInto(join(dir, 'a.db'), [examplesDir]);
    // flowbench's own schemas: the modelines point at real files, and the files still load.
    await exportLibrary(store, join(dir, 'out'), join(repoRoot, 'schemas'));
    store.close();
    for (const name of readdirSync(join(dir, 'out', 'flows'))) {
      const line = readFileSync(join(dir, 'out', 'flows', name), 'utf8').split('\n')[0] ?? '';
      expect(existsSync(resolve(join(dir, 'out', 'flows'), line.replace('# yaml-language-server: $schema=', '')))).toBe(true);
    }
    const strip = ({ id: _id, file: _file, absFile: _abs, flowPath: _f, mocksPath: _m, ...rest }: LoadedScenario): Partial<LoadedScenario> => rest;
    for (const name of readdirSync(join(examplesDir, 'scenarios'))) {
      const original = await new FileLoader(examplesDir).loadScenarios(join('scenarios', name));
      const exported = await new FileLoader(join(dir, 'out')).loadScenarios(join('scenarios', name));
      expect(exported.map(strip)).toEqual(original.map(strip));
    }
  });

  it('gives each stored scenario the LoadedScenario FileLoader gives its file', async () => {
    const store = await importInto(join(tempDir(), 'a.db'), [examplesDir]);
    const stored = selectStoredScenarios(store, {});
    expect(stored).toHaveLength((await exampleCounts()).scenarios);
    for (const s of stored) {
      const [fromFile] = (await new FileLoader(examplesDir).loadScenarios(s.file.path)).filter((l) => l.index === s.row.position);
      const { id: _a, absFile: _b, flowPath: _c, mocksPath: _d, ...expected } = fromFile ?? {};
      expect(s.loaded).toHaveLength(1); // no example scenario is data-driven
      const { id, absFile: _e, flowPath: _f, mocksPath: _g, ...actual } = s.loaded[0] ?? {};
      expect(actual).toEqual(expected);
      expect(id).toBe(`${s.file.path}#${s.row.position}`);
      expect(s.flowSha256).toMatch(/^[0-9a-f]{64}$/);
    }
    store.close();
  });

  it('re-importing the same folder changes nothing; an edited file updates in place and keeps ids', async () => {
    const dir = tempDir();
    const tree = join(dir, 'tree');
    cpSync(examplesDir, tree, { recursive: true });
    const store = await importInto(join(dir, 'a.db'), [tree]);
    const before = selectStoredScenarios(store, {}).map((s) => [s.row.id, s.row.name]);
    const again = await importLibrary(store, [tree]);
    const counts = await exampleCounts();
    expect(again.scenarios).toEqual({ created: 0, updated: 0, unchanged: counts.scenarios, removed: 0 });
    expect(again.flows.unchanged).toBe(counts.flows);

    const file = join(tree, 'scenarios', 'refund-chat.scenario.yaml');
    const text = readFileSync(file, 'utf8').replace('- name: customer declines — no request is sent', '- name: customer says no — no request is sent');
    writeFileSync(file, text.replace('user: [ { say: "yes please" } ]', 'user: [ { say: "yes, please" } ]'));
    const edited = await importLibrary(store, [tree]);
    // One scenario renamed (removed + created), one edited (updated), the others as they were.
    expect(edited.scenarios).toEqual({ created: 1, updated: 1, unchanged: counts.scenarios - 2, removed: 1 });
    const after = selectStoredScenarios(store, {}).map((s) => [s.row.id, s.row.name]);
    expect(after.filter(([id]) => before.some(([b]) => b === id))).toHaveLength(counts.scenarios - 1);
    store.close();
  });

  it('imports one scenario file with the flow and mocks it points at, relative to their common folder', async () => {
    const store = Store.open(join(tempDir(), 'a.db'));
    const summary = await importLibrary(store, [join(examplesDir, 'scenarios', 'refund-chat.scenario.yaml')]);
    expect(summary.root).toBe(examplesDir);
    expect(summary.files.map((f) => f.path)).toEqual(['flows/refund-chat.flow.yaml', 'mocks/shop.mocks.yaml', 'scenarios/refund-chat.scenario.yaml']);
    expect(summary.scenarios.created).toBe(10);
    store.close();
  });

  it('imports JSON files and exports them as JSON', async () => {
    const dir = tempDir();
    const src = join(dir, 'src');
    mkdirSync(join(src, 'flows'), { recursive: true });
    mkdirSync(join(src, 'scenarios'), { recursive: true });
    writeFileSync(
      join(src, 'flows', 'hello.flow.json'),
      JSON.stringify({ modules: [{ ports: {}, type: 'end', id: 'bye' }], start: 'bye', name: 'Hello', format: 'flowbench.flow/1' }),
    );
    writeFileSync(join(src, 'scenarios', 'hello.scenario.json'), JSON.stringify({ format: 'flowbench.scenario/1', name: 'ends', flow: '../flows/hello.flow.json', expect: [{ ends: 'end' }] }));
    const store = await importInto(join(dir, 'a.db'), [src]);
    await exportLibrary(store, join(dir, 'out'), join(dir, 'schemas'));
    store.close();
    const flow = readFileSync(join(dir, 'out', 'flows', 'hello.flow.json'), 'utf8');
    expect(Object.keys(JSON.parse(flow) as object)).toEqual(['format', 'name', 'start', 'modules']);
    expect(flow).toContain('"id": "bye",\n      "type": "end",\n      "ports": {}');
    const loaded = await new FileLoader(join(dir, 'out')).loadScenarios('scenarios/hello.scenario.json');
    expect(loaded[0]?.flow.name).toBe('Hello');
  });
});

describe('an import with a bad file', () => {
  it('imports nothing and names the file, the path in it and the line', async () => {
    const dir = tempDir();
    const tree = join(dir, 'tree');
    cpSync(examplesDir, tree, { recursive: true });
    const flow = join(tree, 'flows', 'refund-chat.flow.yaml');
    writeFileSync(flow, readFileSync(flow, 'utf8').replace('ports: { next: bye } }\n  - { id: over_limit', 'ports: { next: nowhere } }\n  - { id: over_limit'));
    const store = Store.open(join(dir, 'a.db'));
    const error = await importError(store, [tree]);
    expect(error.issues).toContainEqual(
      expect.objectContaining({ path: 'modules[5].ports.next', message: expect.stringContaining("unknown module 'nowhere'") as unknown }),
    );
    expect(error.issues.some((i) => i.file.endsWith('refund-chat.flow.yaml') && i.line !== undefined)).toBe(true);
    // The scenario file that points at it says so too.
    expect(error.issues.some((i) => i.file.endsWith('refund-chat.scenario.yaml') && i.path === 'flow')).toBe(true);
    expect(store.scenarios.count()).toBe(0);
    expect(store.flows.all()).toHaveLength(0);
    store.close();
  });

  it('leaves an earlier import untouched', async () => {
    const dir = tempDir();
    const store = await importInto(join(dir, 'a.db'), [examplesDir]);
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(
      join(bad, 'x.scenario.yaml'),
      'format: flowbench.scenario/1\nname: x\nflow: ../missing.flow.yaml\nexpect:\n  - port: { module: a, is: b }\n',
    );
    const error = await importError(store, [join(examplesDir, 'flows'), bad]);
    expect(error.issues).toContainEqual(expect.objectContaining({ path: '(file)', message: 'cannot read: no such file' }));
    expect(store.scenarios.count()).toBe((await exampleCounts()).scenarios);
    store.close();
  });

  it('reports scenario checks (unknown module in an expectation) with the scenario path', async () => {
    const dir = tempDir();
    const tree = join(dir, 'tree');
    cpSync(examplesDir, tree, { recursive: true });
    const file = join(tree, 'scenarios', 'order-status.scenario.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('port: { module: check, is: waiting, nth: 1 }', 'port: { module: check, is: late, nth: 1 }'));
    const store = Store.open(join(dir, 'a.db'));
    const error = await importError(store, [tree]);
    expect(error.issues).toContainEqual(expect.objectContaining({ path: 'scenarios[1].expect[2].port.is' }));
    expect(store.scenarios.count()).toBe(0);
    store.close();
  });

  it('skips results files and non-flowbench YAML in a folder, but refuses an unknown flowbench format', async () => {
    const dir = tempDir();
    const tree = join(dir, 'tree');
    cpSync(examplesDir, tree, { recursive: true });
    writeFileSync(join(tree, 'ci.yaml'), 'steps: [build, test]\n');
    writeFileSync(join(tree, 'results.json'), JSON.stringify({ format: 'flowbench.results/1', startedAt: 'x', summary: {}, scenarios: [] }));
    const store = Store.open(join(dir, 'a.db'));
    const summary = await importLibrary(store, [tree]);
    expect(summary.skipped.map((s) => s.file.split('/').pop())).toEqual(['ci.yaml', 'results.json']);
    writeFileSync(join(tree, 'later.yaml'), 'format: flowbench.flow/2\nname: x\n');
    const error = await importError(store, [tree]);
    expect(error.issues).toContainEqual(expect.objectContaining({ path: 'format' }));
    store.close();
  });
});
