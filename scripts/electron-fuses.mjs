#!/usr/bin/env node
// Electron fuses for the desktop app (`npm run build` runs this after electron-vite build):
// switches compiled into the Electron binary that turn off ways to run code in it that
// flowbench never uses (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect) and turn on asar
// integrity, asar-only loading and cookie encryption.
//
// The fuses go on a copy of Electron's distribution in out/electron/ (the binary to ship
// with the app packed as resources/app.asar), never on node_modules/electron: that binary
// is shared by every checkout and runs the unpacked app for `npm start`, which
// OnlyLoadAppFromAsar would refuse. Where there is no Electron binary (it could not be
// downloaded), one line says so and the build goes on.
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';

/** The fuse wire of a flowbench release: every fuse @electron/fuses knows, decided. */
export const FLOWBENCH_FUSES = Object.freeze({
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the app into a plain Node.js with its privileges.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and local storage encrypted at rest with the OS keychain.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS (e.g. --require evil.js) and --inspect would inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app code is read from app.asar only, and checked against its integrity hash.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The workbench is served over app://, so file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
});

/** How a fuse reads in the binary: ASCII '1' on, '0' off. */
const FUSE_ON = '1'.charCodeAt(0);
const FUSE_OFF = '0'.charCodeAt(0);

/** One line per fuse, e.g. `RunAsNode off`. */
export function describeFuses(config = FLOWBENCH_FUSES) {
  return Object.entries(FuseV1Options)
    .filter(([, index]) => typeof index === 'number' && config[index] !== undefined)
    .map(([name, index]) => `${name} ${config[index] ? 'on' : 'off'}`);
}

/** Where Electron's distribution and binary are, or why there is none. */
export function findElectronDistribution(root) {
  const pkgDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(pkgDir, 'package.json'))) return { reason: 'the electron package is not installed' };
  const dist = join(pkgDir, 'dist');
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile) || !existsSync(dist)) return { reason: 'the Electron binary is not installed (its download failed or was skipped: node_modules/electron/dist is missing)' };
  const executable = readFileSync(pathFile, 'utf8').trim();
  if (!existsSync(join(dist, executable))) return { reason: `the Electron binary ${join(dist, executable)} is missing` };
  return { dist, executable };
}

/**
 * Copies Electron's distribution to out/electron (when missing or of another version) and
 * flips the fuses on that copy; returns what was done for the one-line report.
 */
export async function applyElectronFuses(root, { target = join(root, 'out', 'electron') } = {}) {
  const found = findElectronDistribution(root);
  if (!('dist' in found)) return { applied: false, reason: found.reason };
  const version = (dir) => (existsSync(join(dir, 'version')) ? readFileSync(join(dir, 'version'), 'utf8').trim() : null);
  if (!existsSync(join(target, found.executable)) || version(target) !== version(found.dist)) {
    rmSync(target, { recursive: true, force: true });
    cpSync(found.dist, target, { recursive: true, verbatimSymlinks: true });
  }
  const binary = join(target, found.executable);
  await flipFuses(binary, { ...FLOWBENCH_FUSES, resetAdHocDarwinSignature: process.platform === 'darwin' });
  // Read the wire back: each fuse we decide must now say so ('1' on, '0' off).
  const wire = await getCurrentFuseWire(binary);
  for (const [key, on] of Object.entries(FLOWBENCH_FUSES)) {
    if (key === 'version') continue;
    const state = wire[key];
    if (state !== (on ? FUSE_ON : FUSE_OFF)) throw new Error(`fuse ${FuseV1Options[Number(key)]} did not take (${String(state)}) in ${binary}`);
  }
  const unknown = Object.keys(wire).filter((key) => key !== 'version' && !(key in FLOWBENCH_FUSES));
  return { applied: true, binary, unknown };
}

async function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  try {
    const result = await applyElectronFuses(root);
    if (!result.applied) {
      process.stdout.write(`flowbench: Electron fuses not applied: ${result.reason}.\n`);
      return;
    }
    const extra = result.unknown.length > 0 ? `; fuses left at Electron's default (newer than @electron/fuses): ${result.unknown.join(', ')}` : '';
    process.stdout.write(`flowbench: Electron fuses applied to ${relative(root, result.binary)}: ${describeFuses().join(', ')}${extra}.\n`);
  } catch (error) {
    process.stderr.write(`flowbench: cannot apply the Electron fuses: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main();
