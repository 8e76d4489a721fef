#!/usr/bin/env node
// `npm run bench [-- name...]`: runs every benchmark entry `bench/<name>/run.ts` (through tsx),
// one after the other, so each measures a quiet machine. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const benchDir = join(root, 'bench');
const entries = readdirSync(benchDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(benchDir, d.name, 'run.ts')))
  .map((d) => d.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

if (entries.length === 0) {
  process.stderr.write(`no benchmarks found${only.length ? ` named ${only.join(', ')}` : ''} (expected bench/<name>/run.ts)\n`);
  process.exit(2);
}
let failed = 0;
for (const name of entries) {
  process.stdout.write(`\n=== bench/${name} ===\n`);
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(benchDir, name, 'run.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
