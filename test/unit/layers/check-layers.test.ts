import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLayers } from '../../../scripts/check-layers.mjs';
import type { Layer } from '../../../scripts/check-layers.mjs';
import { repoRoot } from '../../support/paths';

/** A throw-away source tree with the given files (path → content). */
function plant(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowbench-layers-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  planted.push(dir);
  return dir;
}
const planted: string[] = [];
afterEach(() => {
  for (const dir of planted.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the layer allow-list (scripts/layers.mjs)', () => {
  it('holds for this repository, with no folder cycle', async () => {
    const { violations, cycles, files } = await checkLayers({ baseDir: repoRoot });
    expect(violations.map((v) => v.message)).toEqual([]);
    expect(cycles).toEqual([]);
    expect(files).toBeGreaterThan(300);
  }, 60_000);

  it('fails on an engine file that imports the real clock and node:perf_hooks', async () => {
    const dir = plant({
      'main/api/trace.ts': 'export const x = 1;\n',
      'main/realtime/real-clock.ts': "import { x } from '../api/trace';\nexport const clock = x;\n",
      'main/engine/runner.ts':
        "import { performance } from 'node:perf_hooks';\nimport { clock } from '../realtime/real-clock';\nimport type { x } from '../api/trace';\nexport const t = performance.now() + clock;\n",
    });
    const { violations } = await checkLayers({ baseDir: dir, roots: ['main'] });
    expect(violations.map((v) => v.message).sort()).toEqual([
      "main/engine/runner.ts imports 'node:perf_hooks': main/engine may use re2js",
      'main/engine/runner.ts imports main/realtime/real-clock.ts: main/engine may import only main/engine, main/api, main/expr, mocks/core',
    ]);
  });

  it('fails on a package a layer may not use (the mock core importing express)', async () => {
    const dir = plant({
      'node_modules/express/package.json': '{ "name": "express", "version": "5.0.0", "main": "index.js" }\n',
      'node_modules/express/index.js': 'module.exports = function express() {};\n',
      'node_modules/path-to-regexp/package.json': '{ "name": "path-to-regexp", "version": "8.0.0", "main": "index.js" }\n',
      'node_modules/path-to-regexp/index.js': 'exports.match = function match() {};\n',
      'mocks/core/decide.ts': "import express from 'express';\nimport { match } from 'path-to-regexp';\nexport const app = [express, match];\n",
    });
    const { violations } = await checkLayers({ baseDir: dir, roots: ['mocks'] });
    expect(violations.map((v) => v.message)).toEqual(["mocks/core/decide.ts imports 'express': mocks/core may use path-to-regexp, re2js"]);
  });

  it('fails on a renderer file that reaches past the contract, even for a type', async () => {
    const dir = plant({
      'main/engine/runner.ts': 'export interface Runner { id: string }\n',
      'renderer/src/view.ts': "import type { Runner } from '../../main/engine/runner';\nexport const r: Runner | null = null;\n",
    });
    const { violations } = await checkLayers({ baseDir: dir, roots: ['main', 'renderer/src'] });
    expect(violations.map((v) => v.from)).toEqual(['renderer/src/view.ts']);
    expect(violations[0]?.message).toContain('renderer may import only renderer, main/api, preload');
  });

  it('fails on a source file in a folder the table does not know', async () => {
    const dir = plant({ 'main/gadgets/gadget.ts': 'export const g = 1;\n' });
    const { violations } = await checkLayers({ baseDir: dir, roots: ['main'] });
    expect(violations.map((v) => v.message)).toEqual(['main/gadgets/gadget.ts is in no layer of scripts/layers.mjs: add its folder to the table']);
  });

  it('fails on a cycle between folders, naming one import per edge', async () => {
    // Two layers allowed to import each other: every import is allowed, the cycle is not.
    const layers: Layer[] = [
      { layer: 'main/scenario', files: /^main\/scenario\//, may: ['main/realtime'], packages: [] },
      { layer: 'main/realtime', files: /^main\/realtime\//, may: ['main/scenario'], packages: [] },
    ];
    const dir = plant({
      'main/scenario/run-on-clock.ts': "import { real } from '../realtime/run-real';\nexport const run = real;\n",
      'main/scenario/result.ts': 'export const toResult = 1;\n',
      'main/realtime/run-real.ts': "import { toResult } from '../scenario/result';\nexport const real = toResult;\n",
    });
    const { violations, cycles } = await checkLayers({ baseDir: dir, roots: ['main'], layers });
    expect(violations).toEqual([]);
    expect(cycles).toEqual([
      {
        folders: ['main/realtime', 'main/scenario'],
        edges: expect.arrayContaining([
          { from: 'main/scenario', to: 'main/realtime', via: 'main/scenario/run-on-clock.ts → main/realtime/run-real.ts' },
          { from: 'main/realtime', to: 'main/scenario', via: 'main/realtime/run-real.ts → main/scenario/result.ts' },
        ]),
      },
    ]);
  });
});
