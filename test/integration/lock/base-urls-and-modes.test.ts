import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDataDir } from '../../../main/host/data-dir';
import { openDatabase } from '../../../main/store/open-database';
import { errorOf, startLockedWorkbench } from './locked-workbench';
import type { LockedWorkbench } from './locked-workbench';

let wb: LockedWorkbench;
beforeAll(async () => {
  wb = await startLockedWorkbench();
});
afterAll(async () => {
  await wb.close();
});

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe('browser mode: base URLs are http or https only', () => {
  it('refuses file:, javascript:, data: and other schemes in sessions.start, naming baseUrl', async () => {
    for (const baseUrl of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,hi', 'ftp://127.0.0.1/', 'ws://127.0.0.1:1/']) {
      const { status, body } = await wb.post('sessions.start', { flowFile: 'flows/order-status.flow.yaml', baseUrl });
      expect({ baseUrl, status }).toEqual({ baseUrl, status: 400 });
      expect(errorOf(body).issues).toEqual([{ path: 'baseUrl', message: 'expected an http:// or https:// URL (other schemes such as file: or javascript: are refused)' }]);
    }
  });

  it('refuses a scenario file whose baseUrl is not http(s), with its path in the file', async () => {
    writeFileSync(
      join(wb.examplesDir, 'scenarios', 'file-url.scenario.yaml'),
      'format: flowbench.scenario/1\nflow: ../flows/order-status.flow.yaml\nclock: real\nbaseUrl: file:///etc/passwd\nscenarios:\n  - name: x\n    user: [ { say: hi } ]\n',
    );
    const { status, body } = await wb.post('runs.start', { file: 'scenarios/file-url.scenario.yaml' });
    expect(status).toBe(400);
    expect(errorOf(body).issues).toContainEqual({ path: 'scenarios/file-url.scenario.yaml:4 baseUrl', message: expect.stringContaining('expected an http:// or https:// URL') as unknown });
  });

  it('takes an http base URL (the session starts and talks to it)', async () => {
    const mocks = await wb.post('mocks.start', { file: 'mocks/shop.mocks.yaml' });
    const url = (mocks.body as { value: { url: string } }).value.url;
    const started = await wb.post('sessions.start', { flowFile: 'flows/order-status.flow.yaml', baseUrl: url, timeScale: 0.1 });
    expect(started.body).toMatchObject({ ok: true, value: { waitingForUser: true } });
    await wb.post('sessions.stop', { id: (started.body as { value: { id: string } }).value.id });
    await wb.post('mocks.stop', {});
  });
});

describe('the data folder is 0700, the database and its WAL files 0600', () => {
  it('creates the data folder 0700 and the library 0600 when the server first uses it', async () => {
    expect(wb.prepared).toMatchObject({ created: true, warnings: [] });
    expect(mode(wb.dataDir)).toBe('700');
    expect((await wb.post('scenarios.tags', {})).status).toBe(200);
    const db = join(wb.dataDir, 'flowbench.db');
    expect(mode(db)).toBe('600');
    // While the library is open in WAL mode, its -wal and -shm files exist: 0600 as well.
    expect(existsSync(`${db}-wal`) && existsSync(`${db}-shm`)).toBe(true);
    expect(mode(`${db}-wal`)).toBe('600');
    expect(mode(`${db}-shm`)).toBe('600');
  });

  it('tightens a database left 0644 by an older flowbench, and never adds a bit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowbench-modes-'));
    try {
      const file = join(dir, 'old.db');
      openDatabase(file).close();
      chmodSync(file, 0o644);
      openDatabase(file).close();
      expect(mode(file)).toBe('600');
      // Another program's database is left as it is, mode included.
      const foreign = join(dir, 'foreign.db');
      const other = new Database(foreign);
      other.exec('CREATE TABLE t (x)');
      other.close();
      chmodSync(foreign, 0o644);
      expect(() => openDatabase(foreign)).toThrow(/another program/);
      expect(mode(foreign)).toBe('644');
      const readOnly = join(dir, 'read-only.db');
      openDatabase(readOnly).close();
      chmodSync(readOnly, 0o444);
      try {
        openDatabase(readOnly).close();
      } catch {
        // a read-only file may not open for writing; its mode is what this test is about
      }
      expect(mode(readOnly)).toBe('400');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tightens its own default folder; warns about a folder the user chose and leaves it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowbench-modes-'));
    try {
      const own = join(dir, 'own');
      const chosen = join(dir, 'chosen');
      mkdirSync(own, { mode: 0o755 });
      mkdirSync(chosen, { mode: 0o755 });
      chmodSync(own, 0o755);
      chmodSync(chosen, 0o755);
      expect(prepareDataDir(own, { tighten: true })).toMatchObject({ created: false, tightened: true, warnings: [] });
      expect(mode(own)).toBe('700');
      const warned = prepareDataDir(chosen, { tighten: false });
      expect(warned.warnings).toEqual([`the data folder ${chosen} is open to other users (mode 0755); its database is kept 0600, but consider \`chmod 700 ${chosen}\``]);
      expect(mode(chosen)).toBe('755');
      expect(prepareDataDir(own, { tighten: false }).warnings).toEqual([]);
      writeFileSync(join(dir, 'file'), '');
      expect(() => prepareDataDir(join(dir, 'file'), { tighten: true })).toThrow(/is a file, expected a folder/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
