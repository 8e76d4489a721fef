import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { FLOWBENCH_FUSES, applyElectronFuses, describeFuses, findElectronDistribution } from '../../../scripts/electron-fuses.mjs';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'; // @electron/fuses' marker before the wire
const temp = mkdtempSync(join(tmpdir(), 'flowbench-fuses-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A stand-in Electron binary: some bytes, the sentinel, wire version 1, 8 fuses as Electron ships them. */
function fakeBinary(wire: string): Buffer {
  return Buffer.concat([Buffer.from('\x7fELF…not really…'), Buffer.from(SENTINEL), Buffer.from([Number(FuseVersion.V1), wire.length]), Buffer.from(wire), Buffer.from('…tail')]);
}

function fakeInstall(name: string, wire: string): string {
  const root = join(temp, name);
  mkdirSync(join(root, 'node_modules', 'electron', 'dist'), { recursive: true });
  writeFileSync(join(root, 'node_modules', 'electron', 'package.json'), '{"name":"electron"}');
  writeFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
  writeFileSync(join(root, 'node_modules', 'electron', 'dist', 'version'), '45.4.1');
  writeFileSync(join(root, 'node_modules', 'electron', 'dist', 'electron'), fakeBinary(wire));
  return root;
}

describe('Electron fuses', () => {
  it('decide every fuse @electron/fuses knows, as a release needs them', () => {
    const known = Object.values(FuseV1Options).filter((v): v is FuseV1Options => typeof v === 'number');
    expect(Object.keys(FLOWBENCH_FUSES).filter((k) => k !== 'version').map(Number).sort()).toEqual([...known].sort());
    expect(FLOWBENCH_FUSES).toMatchObject({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    expect(describeFuses()).toEqual([
      'RunAsNode off',
      'EnableCookieEncryption on',
      'EnableNodeOptionsEnvironmentVariable off',
      'EnableNodeCliInspectArguments off',
      'EnableEmbeddedAsarIntegrityValidation on',
      'OnlyLoadAppFromAsar on',
      'LoadBrowserProcessSpecificV8Snapshot off',
      'GrantFileProtocolExtraPrivileges off',
    ]);
  });

  it('say why not when there is no Electron binary (as on a machine that could not download it)', async () => {
    const root = join(temp, 'no-binary');
    mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'electron', 'package.json'), '{"name":"electron"}');
    expect(findElectronDistribution(root)).toEqual({ reason: expect.stringContaining('the Electron binary is not installed') as unknown });
    expect(await applyElectronFuses(root)).toEqual({ applied: false, reason: expect.stringContaining('node_modules/electron/dist is missing') as unknown });
    expect(findElectronDistribution(join(temp, 'nothing'))).toEqual({ reason: 'the electron package is not installed' });
  });

  it('flip the fuses on a copy in out/electron and leave node_modules as it was', async () => {
    // Electron's defaults: RunAsNode 1, cookies 0, NODE_OPTIONS 1, inspect 1, asar integrity 0, asar only 0, snapshot 0, file privileges 1.
    const defaults = '10110001';
    const root = fakeInstall('with-binary', defaults);
    const target = join(root, 'out', 'electron');
    const result = await applyElectronFuses(root, { target });
    expect(result).toEqual({ applied: true, binary: join(target, 'electron'), unknown: [] });
    const flipped = readFileSync(join(target, 'electron'));
    const at = flipped.indexOf(SENTINEL) + SENTINEL.length + 2;
    // Wanted, in FuseV1Options order: off, on, off, off, on, on, off, off.
    expect(flipped.subarray(at, at + 8).toString()).toBe('01001100');
    expect(readFileSync(join(root, 'node_modules', 'electron', 'dist', 'electron'))).toEqual(fakeBinary(defaults));
    // Again: the copy is kept (same version) and the wire stays as wanted.
    expect(await applyElectronFuses(root, { target })).toMatchObject({ applied: true });
  });

  it('name the fuses a newer Electron has that this config does not decide', async () => {
    const root = fakeInstall('newer', '101100011');
    const result = await applyElectronFuses(root, { target: join(root, 'out', 'electron') });
    expect(result).toMatchObject({ applied: true, unknown: ['8'] });
  });
});
