import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_FLOWBENCH_MESSAGE } from '../../../main/formats/flowbench-document';
import { errorOf, startLockedWorkbench } from './locked-workbench';
import type { LockedWorkbench } from './locked-workbench';

// Lines of a file that is not flowbench's (like /etc/shadow): no message may ever quote them.
const SECRET = 'root:$6$TOPSECRET-HASH:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nalice:$6$TOPSECRET-ALICE:19000:0:99999:7:::\n';
const SECRET_MARKERS = ['TOPSECRET', 'daemon', 'alice', '19000'];

let wb: LockedWorkbench;
let flowText: string;

beforeAll(async () => {
  wb = await startLockedWorkbench();
  flowText = readFileSync(join(wb.examplesDir, 'flows', 'order-status.flow.yaml'), 'utf8');
  writeFileSync(join(wb.outside, 'shadow'), SECRET);
  writeFileSync(join(wb.outside, 'secret.yaml'), SECRET);
  writeFileSync(join(wb.outside, 'broken.yaml'), 'token: [TOPSECRET-UNCLOSED\n  alice: {\n');
  writeFileSync(join(wb.outside, 'order.flow.yaml'), flowText);
  writeFileSync(join(wb.outside, 'shop.mocks.yaml'), readFileSync(join(wb.examplesDir, 'mocks', 'shop.mocks.yaml'), 'utf8'));
  // Ways out of the examples folder: a symlinked file, a symlinked folder, a scenario pointing out.
  symlinkSync(join(wb.outside, 'order.flow.yaml'), join(wb.examplesDir, 'flows', 'link.flow.yaml'));
  symlinkSync(wb.outside, join(wb.examplesDir, 'linked'));
  writeFileSync(
    join(wb.examplesDir, 'scenarios', 'points-out.scenario.yaml'),
    `format: flowbench.scenario/1\nflow: ${join(wb.outside, 'shadow')}\nscenarios:\n  - name: out\n    user: [ { say: hi } ]\n`,
  );
});
afterAll(async () => {
  await wb.close();
});

/** The whole answer as text: nothing of the secret file may be in it. */
function expectNoSecret(body: unknown): void {
  const text = JSON.stringify(body);
  for (const marker of SECRET_MARKERS) expect(text).not.toContain(marker);
}

async function forbidden(name: string, input: unknown, path: string): Promise<void> {
  const { status, body } = await wb.post(name, input);
  expect({ name, status }).toEqual({ name, status: 403 });
  const error = errorOf(body);
  expect(error.code).toBe('forbidden');
  expect(error.message).toContain(path);
  expect(error.message).toContain('outside the folders flowbench may use in this session');
  expectNoSecret(body);
}

describe('browser mode: files only in the data, examples and opened folders', () => {
  it('refuses a path outside them on every call that takes one, naming the path, never the content', async () => {
    const shadow = join(wb.outside, 'shadow');
    await forbidden('flows.open', { file: '/etc/passwd' }, '/etc/passwd');
    await forbidden('flows.open', { file: shadow }, shadow);
    await forbidden('flows.savePositions', { file: join(wb.outside, 'order.flow.yaml'), positions: { greet: { x: 1, y: 2 } } }, 'order.flow.yaml');
    await forbidden('runs.start', { file: shadow }, shadow);
    await forbidden('mocks.start', { file: join(wb.outside, 'shop.mocks.yaml') }, 'shop.mocks.yaml');
    await forbidden('analysis.sweep', { file: shadow, endpoint: 'order_status', to: 100 }, shadow);
    await forbidden('analysis.coverage', { files: [shadow] }, shadow);
    await forbidden('sessions.start', { flowFile: shadow, baseUrl: 'http://127.0.0.1:9' }, shadow);
    await forbidden('library.import', { paths: [wb.outside] }, wb.outside);
    await forbidden('library.import', { paths: [join(wb.examplesDir, 'flows')], root: wb.outside }, wb.outside);
    await forbidden('library.export', { dir: join(wb.outside, 'export') }, join(wb.outside, 'export'));
    expect(existsSync(join(wb.outside, 'export'))).toBe(false);
    expect(readFileSync(join(wb.outside, 'order.flow.yaml'), 'utf8')).toBe(flowText);
  });

  it('resolves .. and symlinks before deciding', async () => {
    await forbidden('flows.open', { file: '../outside/order.flow.yaml' }, '../outside/order.flow.yaml');
    await forbidden('flows.open', { file: 'flows/../../outside/shadow' }, 'flows/../../outside/shadow');
    await forbidden('flows.open', { file: 'flows/link.flow.yaml' }, 'flows/link.flow.yaml');
    await forbidden('flows.open', { file: 'linked/order.flow.yaml' }, 'linked/order.flow.yaml');
    await forbidden('library.export', { dir: join(wb.examplesDir, 'linked', 'export') }, 'linked');
    expect(existsSync(join(wb.outside, 'export'))).toBe(false);
  });

  it('refuses the flow a scenario file points at outside, as an issue of that scenario file', async () => {
    const { status, body } = await wb.post('runs.start', { file: 'scenarios/points-out.scenario.yaml' });
    expect(status).toBe(400);
    const error = errorOf(body);
    expect(error.code).toBe('invalid_input');
    expect(error.issues).toContainEqual({ path: `${join(wb.outside, 'shadow')} (file)`, message: expect.stringMatching(/^refused: outside the folders/) as unknown });
    expectNoSecret(body);
  });

  it('refuses a stored session that names a flow file outside (sessions.import is input too)', async () => {
    const session = { format: 'flowbench.session/1', id: 's-out', startedAt: '2026-01-01T00:00:00Z', flow: { name: 'x', sha256: 'x', file: '/etc/passwd' }, clock: 'real', seed: 0, user: [], exchanges: [], trace: [] };
    expect((await wb.post('sessions.import', { session })).status).toBe(200);
    await forbidden('sessions.bundle', { id: 's-out' }, '/etc/passwd');
    await forbidden('sessions.toScenario', { id: 's-out' }, '/etc/passwd');
  });

  it('opens the examples and data folders as they are, and a folder the user opens', async () => {
    expect((await wb.post('flows.open', { file: 'flows/order-status.flow.yaml' })).body).toMatchObject({ ok: true, value: { issues: [] } });
    mkdirSync(join(wb.dataDir, 'mine'));
    writeFileSync(join(wb.dataDir, 'mine', 'order.flow.yaml'), flowText);
    expect((await wb.post('flows.open', { file: join(wb.dataDir, 'mine', 'order.flow.yaml') })).body).toMatchObject({ ok: true, value: { issues: [] } });

    const opened = await wb.post('app.openFolder', { path: wb.outside });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ ok: true, value: { folder: { kind: 'opened', path: wb.outside } } });
    const listed = await wb.post('app.folders', {});
    expect(listed.body).toEqual({
      ok: true,
      value: { folders: [{ kind: 'data', path: wb.dataDir }, { kind: 'examples', path: wb.examplesDir }, { kind: 'opened', path: wb.outside }] },
    });

    expect((await wb.post('flows.open', { file: join(wb.outside, 'order.flow.yaml') })).body).toMatchObject({ ok: true, value: { issues: [] } });
    // The symlinks into it are now inside an allowed folder too.
    expect((await wb.post('flows.open', { file: 'flows/link.flow.yaml' })).body).toMatchObject({ ok: true, value: { issues: [] } });
    const saved = await wb.post('flows.savePositions', { file: join(wb.outside, 'order.flow.yaml'), positions: { greet: { x: 10, y: 20 } } });
    expect(saved.body).toEqual({ ok: true, value: { saved: 1 } });
    expect(readFileSync(join(wb.outside, 'order.flow.yaml'), 'utf8')).toContain('position: { x: 10, y: 20 }');
    const exported = await wb.post('library.export', { dir: join(wb.outside, 'export') });
    expect(exported.status).toBe(200);
  });

  it('says one generic thing about a file that is not a flowbench document, even in an allowed folder', async () => {
    for (const file of ['shadow', 'secret.yaml', 'broken.yaml']) {
      const { status, body } = await wb.post('flows.open', { file: join(wb.outside, file) });
      expect(status).toBe(200);
      expect(body).toEqual({ ok: true, value: { file: join(wb.outside, file), flow: null, issues: [{ path: `${join(wb.outside, file)} format`, message: NOT_FLOWBENCH_MESSAGE }], lints: [] } });
    }
    const mocks = await wb.post('mocks.start', { file: join(wb.outside, 'secret.yaml') });
    expect(errorOf(mocks.body).issues).toEqual([{ path: `${join(wb.outside, 'secret.yaml')} format`, message: NOT_FLOWBENCH_MESSAGE }]);
    expectNoSecret(mocks.body);
    const positions = await wb.post('flows.savePositions', { file: join(wb.outside, 'secret.yaml'), positions: { root: { x: 1, y: 1 } } });
    expect(errorOf(positions.body).message).toContain('not a flowbench file');
    expect(readFileSync(join(wb.outside, 'secret.yaml'), 'utf8')).toBe(SECRET);
  });

  it('library.import in an opened folder: skips stray files, says one generic thing of a non-flowbench file a scenario points at', async () => {
    const lib = join(wb.outside, 'lib');
    mkdirSync(join(lib, 'flows'), { recursive: true });
    mkdirSync(join(lib, 'scenarios'));
    writeFileSync(join(lib, 'flows', 'order.flow.yaml'), flowText);
    writeFileSync(join(lib, 'notes.yaml'), SECRET);
    writeFileSync(join(lib, 'scenarios', 'ok.scenario.yaml'), 'format: flowbench.scenario/1\nflow: ../flows/order.flow.yaml\nscenarios:\n  - name: ok\n    user: [ { say: "It\'s 12345" } ]\n');
    const imported = await wb.post('library.import', { paths: [lib] });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ ok: true, value: { skipped: [{ reason: 'not a flowbench file (no flowbench format)' }] } });
    expectNoSecret(imported.body);

    writeFileSync(join(lib, 'scenarios', 'points.scenario.yaml'), 'format: flowbench.scenario/1\nflow: ../../shadow\nscenarios:\n  - name: out\n    user: [ { say: hi } ]\n');
    const refused = await wb.post('library.import', { paths: [lib] });
    expect(refused.status).toBe(400);
    expect(errorOf(refused.body).issues).toContainEqual({ path: `${join(wb.outside, 'shadow')} format`, message: NOT_FLOWBENCH_MESSAGE });
    expectNoSecret(refused.body);
  });

  it('keeps every located issue of a flowbench file', async () => {
    writeFileSync(join(wb.outside, 'bad.flow.yaml'), 'format: flowbench.flow/1\nname: b\nstart: a\nmodules:\n  - { id: a, type: say, text: hi, ports: { next: nowhere } }\n');
    const { body } = await wb.post('flows.open', { file: join(wb.outside, 'bad.flow.yaml') });
    expect(body).toMatchObject({ ok: true, value: { flow: null, issues: [{ path: `${join(wb.outside, 'bad.flow.yaml')}:5 modules[0].ports.next`, message: "unknown module 'nowhere' (modules: a)" }] } });
  });

  it('opens only existing folders, never the whole file system', async () => {
    expect(errorOf((await wb.post('app.openFolder', { path: '/' })).body).code).toBe('forbidden');
    expect(errorOf((await wb.post('app.openFolder', { path: join(wb.outside, 'shadow') })).body).code).toBe('invalid_input');
    expect(errorOf((await wb.post('app.openFolder', { path: join(wb.outside, 'nope') })).body).code).toBe('not_found');
    const relative = await wb.post('app.openFolder', { path: 'outside' });
    expect(relative.status).toBe(400);
    expect(errorOf(relative.body).issues).toEqual([{ path: 'path', message: 'expected an absolute path' }]);
  });
});
