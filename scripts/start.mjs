#!/usr/bin/env node
// `npm start`: the desktop workbench where Electron can run, otherwise browser mode.
//   npm start -- --browser        force browser mode
//   npm start -- --port 4000      browser-mode port (default: a free one)
//   npm start -- --open DIR       browser mode: let the API use the files in DIR too (repeatable)
// Browser mode prints http://127.0.0.1:PORT/?token=…: the token is new at each start and
// every API call must carry it (the page keeps it for its tab).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';
import { electronSqliteBinding } from './electron-sqlite.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const EARLY_EXIT_MS = 15_000;

function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (existsSync(pathFile)) {
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8'));
    if (existsSync(binary)) return binary;
  }
  if (!existsSync(join(dir, 'package.json'))) return null;
  // Electron 42+ fetches its binary on first use; give it one chance, bounded in time.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return probe.status === 0 && probe.stdout && existsSync(probe.stdout) ? probe.stdout : null;
}

function whyElectronCannotStart() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display: neither $DISPLAY nor $WAYLAND_DISPLAY is set' };
  }
  const binary = electronBinary();
  if (binary === null) return { reason: 'the Electron binary is not installed and could not be downloaded' };
  return { binary };
}

async function startBrowserMode(reason) {
  if (reason) process.stdout.write(`flowbench: Electron cannot start here (${reason}); serving the workbench in browser mode instead.\n`);
  await import(pathToFileURL(join(root, 'out', 'main', 'browser.js')).href);
}

async function main() {
  try {
    buildIfStale(root);
  } catch (error) {
    process.stderr.write(`flowbench: ${error.message}\n`);
    process.exit(1);
  }
  if (args.includes('--browser')) return startBrowserMode(null);

  const check = whyElectronCannotStart();
  if (!check.binary) return startBrowserMode(check.reason);

  const env = { ...process.env };
  try {
    env.FLOWBENCH_SQLITE_BINDING = electronSqliteBinding(root);
  } catch (error) {
    process.stdout.write(`flowbench: the scenario library is unavailable in the desktop window (better-sqlite3 for Electron: ${error.message}); browser mode has it.\n`);
  }
  const startedAt = Date.now();
  const child = spawn(check.binary, [root, ...args], { stdio: 'inherit', env });
  child.on('error', (error) => void startBrowserMode(`cannot run ${check.binary}: ${error.message}`));
  child.on('exit', (code, signal) => {
    if (code === 0) process.exit(0);
    if (Date.now() - startedAt < EARLY_EXIT_MS) {
      void startBrowserMode(`Electron exited at start-up with ${signal ?? `code ${code}`}`);
    } else {
      process.exit(code ?? 1);
    }
  });
}

await main();
