// The dependency direction of STYLE.md §1, as an allow-list: each folder (layer) names the
// layers and the packages it may import. Anything not listed is a violation, and so is a
// source file in a folder that is not in this table. Type-only imports count too.
// Checked by scripts/check-layers.mjs (part of `npm run lint` and `npm test`).

/** Node's built-in modules, in either spelling (`node:fs`, `fs`). */
const NODE = 'node:*';

/**
 * @typedef {{ layer: string, files: RegExp, may: string[], packages: string[] }} Layer
 * `may`: layers this one may import (itself always). `packages`: npm packages and node
 * built-ins, exact names or a `prefix/*` / `node:*` pattern.
 */

/** @type {Layer[]} */
export const LAYERS = [
  // The contract: zod only, so the renderer and the preload can use it.
  { layer: 'main/api', files: /^main\/api\//, may: [], packages: ['zod'] },
  // Expressions (CEL, templates, regexes): pure.
  { layer: 'main/expr', files: /^main\/expr\//, may: ['main/api'], packages: ['@marcbachmann/cel-js', 're2js'] },
  // The mock decision core, shared by the virtual clock and the server: pure.
  { layer: 'mocks/core', files: /^mocks\/core\//, may: ['main/api', 'main/expr'], packages: ['path-to-regexp', 're2js'] },
  // The engine: pure; clock, randomness, transport and code sandbox are injected.
  { layer: 'main/engine', files: /^main\/engine\//, may: ['main/api', 'main/expr', 'mocks/core'], packages: ['re2js'] },
  // The QuickJS sandbox behind the engine's CodeSandbox interface: no Node-only modules.
  { layer: 'main/sandbox', files: /^main\/sandbox\//, may: ['main/api', 'main/engine', 'mocks/core'], packages: ['quickjs-emscripten', 'zod'] },
  // Loading files with located errors (code is compiled in the sandbox to check its syntax).
  { layer: 'main/formats', files: /^main\/formats\//, may: ['main/api', 'main/engine', 'main/expr', 'main/sandbox', 'mocks/core'], packages: ['yaml', 'js-yaml', 'zod', 'node:fs', 'node:path'] },
  // Static lints over a loaded flow.
  { layer: 'main/lints', files: /^main\/lints\//, may: ['main/api', 'main/expr'], packages: [] },
  // The real clock and HTTP transport.
  { layer: 'main/realtime', files: /^main\/realtime\//, may: ['main/api', 'main/engine', 'mocks/core'], packages: ['undici', 'node:perf_hooks'] },
  // The Express mock server.
  {
    layer: 'mocks/server',
    files: /^mocks\/server\//,
    may: ['main/api', 'main/expr', 'main/formats', 'mocks/core'],
    packages: ['express', 'undici', 'path-to-regexp', 'yaml', 'node:fs', 'node:http', 'node:net', 'node:path'],
  },
  // Scenario runs (one entry point for both clocks) and their checks.
  {
    layer: 'main/scenario',
    files: /^main\/scenario\//,
    may: ['main/api', 'main/engine', 'main/expr', 'main/formats', 'main/realtime', 'main/sandbox', 'mocks/core', 'mocks/server'],
    packages: ['node:crypto', 'node:perf_hooks', 're2js'],
  },
  // Recording, replay, HAR and bundles.
  {
    layer: 'main/sessions',
    files: /^main\/sessions\//,
    may: ['main/api', 'main/engine', 'main/formats', 'main/sandbox', 'main/scenario', 'mocks/core', 'mocks/server'],
    packages: ['yaml', 'fflate', 'node:crypto', 'node:fs', 'node:path'],
  },
  // Mocks users already have (OpenAPI, Swagger 2, Mockoon, WireMock, HAR) into flowbench.mocks/1.
  {
    layer: 'main/convert',
    files: /^main\/convert\//,
    may: ['main/api', 'main/formats', 'main/sessions', 'main/store', 'mocks/core', 'mocks/server'],
    packages: ['@apidevtools/swagger-parser', 'openapi-sampler', 'path-to-regexp', 're2js', 'node:fs', 'node:path', 'node:url'],
  },
  // The boundary explorer, coverage and timeout tuning.
  {
    layer: 'main/analysis',
    files: /^main\/analysis\//,
    may: ['main/api', 'main/engine', 'main/expr', 'main/formats', 'main/scenario', 'main/sessions', 'mocks/core'],
    packages: ['simple-statistics', 'zod'],
  },
  // The SQLite library.
  {
    layer: 'main/store',
    files: /^main\/store\//,
    may: ['main/api', 'main/formats', 'main/sandbox'],
    packages: ['better-sqlite3', 'yaml', 'zod', 'node:crypto', 'node:fs', 'node:os', 'node:path'],
  },
  // The worker pool: the host's CPU work (runs, sweeps, tune, replay, loading flows) in worker threads, with
  // a wall-time limit per job (source-worker.mjs loads tsx's loader when running from sources).
  {
    layer: 'main/workers',
    files: /^main\/workers\//,
    may: ['main/api', 'main/analysis', 'main/formats', 'main/lints', 'main/sandbox', 'main/scenario', 'main/sessions', 'main/store'],
    packages: ['tinypool', 'zod', 'node:fs', 'node:os', 'node:url', 'node:worker_threads'],
  },
  // The host behind the contract (plain Node) and the browser-mode server.
  {
    layer: 'main/host',
    files: /^main\/host\//,
    may: ['main/api', 'main/analysis', 'main/convert', 'main/engine', 'main/expr', 'main/formats', 'main/lints', 'main/realtime', 'main/sandbox', 'main/scenario', 'main/sessions', 'main/store', 'main/workers', 'mocks/core', 'mocks/server'],
    packages: ['diff', 'express', 'yaml', 'zod', NODE],
  },
  // The `flowbench` command.
  {
    layer: 'main/cli',
    files: /^main\/cli\//,
    may: ['main/api', 'main/analysis', 'main/convert', 'main/formats', 'main/host', 'main/lints', 'main/sandbox', 'main/scenario', 'main/sessions', 'main/store', 'mocks/core', 'mocks/server'],
    packages: ['commander', 'cli-progress', 'yaml', NODE],
  },
  // Electron: the window, its policies and the IPC wiring.
  { layer: 'main/desktop', files: /^main\/desktop\//, may: ['main/api', 'main/host'], packages: ['electron', NODE] },
  // The two program entries: Electron's and browser mode's.
  { layer: 'main/entry', files: /^main\/(index|browser)\.ts$/, may: ['main/desktop', 'main/host', 'main/cli', 'main/sandbox'], packages: ['electron', NODE] },
  // The preload: exactly the contract.
  { layer: 'preload', files: /^preload\//, may: ['main/api'], packages: ['electron', 'zod'] },
  // The Vue workbench: talks to the host only through the contract.
  {
    layer: 'renderer',
    files: /^renderer\//,
    may: ['main/api', 'preload'],
    packages: ['vue', 'vue-router', 'pinia', 'naive-ui', 'yaml', 'zod', 'codemirror', '@codemirror/*', '@lezer/*', '@vue-flow/*', '@dagrejs/dagre', 'vite'],
  },
];

/** The folders whose sources are checked (tests, benchmarks and scripts may import anything). */
export const CHECKED_ROOTS = ['main', 'mocks', 'preload', 'renderer/src'];
