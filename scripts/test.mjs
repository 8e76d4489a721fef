#!/usr/bin/env node
// `npm test`: build the workbench if needed, type-check, lint, then the whole vitest suite
// (unit, renderer, integration, end-to-end in Chromium). Vitest's summary is the last line.
//   npm test -- --project unit     pass arguments to vitest
//   npm test -- --no-checks        skip type-check and lint (quick local loop)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const skipChecks = args.includes('--no-checks');
const vitestArgs = args.filter((a) => a !== '--no-checks');

/** Runs one node script (a path under the repository) as a step; stops at the first failure. */
function step(label, script, scriptArgs, { last = false } = {}) {
  process.stdout.write(`\n▶ ${label}\n`);
  const result = spawnSync(process.execPath, [join(root, ...script), ...scriptArgs], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    // After vitest, its own summary stays the last line.
    if (!last) process.stderr.write(`✖ ${label} failed\n`);
    process.exit(result.status ?? 1);
  }
}

try {
  buildIfStale(root);
} catch (error) {
  process.stderr.write(`✖ ${error.message}\n`);
  process.exit(1);
}
if (!skipChecks) {
  step('type-check (tsc)', ['node_modules', 'typescript', 'bin', 'tsc'], ['-p', 'tsconfig.node.json']);
  step('type-check (vue-tsc)', ['node_modules', 'vue-tsc', 'bin', 'vue-tsc.js'], ['--noEmit', '-p', 'tsconfig.web.json']);
  step('lint (eslint)', ['node_modules', 'eslint', 'bin', 'eslint.js'], ['.']);
  step('layers (allow-list, folder cycles)', ['scripts', 'check-layers.mjs'], []);
}
step('tests (vitest)', ['node_modules', 'vitest', 'vitest.mjs'], ['run', ...vitestArgs], { last: true });
