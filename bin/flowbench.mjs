#!/usr/bin/env node
// The `flowbench` command. Builds the app on first use (or after a source change).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIfStale } from '../scripts/build-if-stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
try {
  buildIfStale(root);
} catch (error) {
  process.stderr.write(`flowbench: ${error.message}\n`);
  process.exit(2);
}
await import(pathToFileURL(join(root, 'out', 'main', 'cli.js')).href);
