// Lint rules, including the dependency direction of STYLE.md §1: each folder may import
// only what its layer allows. CI fails on a violation.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'http', 'net', 'child_process', 'os', 'timers'];

/** `@typescript-eslint/no-restricted-imports` with type-only imports allowed. */
function restrict(patterns, message) {
  return {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { patterns: [{ group: patterns, message, allowTypeImports: true }] },
    ],
  };
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'coverage/**', '**/*.d.mts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
  },
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-undef': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      ...restrict(['electron'], 'Only main/index.ts and preload/index.ts may import electron (STYLE.md §1).'),
    },
  },
  {
    files: ['main/index.ts', 'preload/index.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['main/api/*.ts'],
    rules: restrict(
      ['electron', 'express', 'better-sqlite3', 'yaml', 'undici', ...NODE_BUILTINS, '../*/*', '!../api/*', '**/mocks/*'],
      'main/api/ is the shared contract: zod only, so the renderer can use it (STYLE.md §1).',
    ),
  },
  {
    files: ['main/api/*/*.ts'],
    rules: restrict(
      ['electron', 'express', 'better-sqlite3', 'yaml', 'undici', ...NODE_BUILTINS, '../../*/*', '**/mocks/*'],
      'main/api/ is the shared contract: zod only, so the renderer can use it (STYLE.md §1).',
    ),
  },
  {
    files: ['main/engine/**/*.ts'],
    rules: {
      ...restrict(
        ['electron', 'express', 'better-sqlite3', 'undici', 'node:fs', 'node:fs/*', 'node:net', 'node:http', 'node:timers', 'node:timers/*', 'node:child_process', '../host/*', '../store/*', '../cli/*', '**/mocks/server/*'],
        'The engine is pure: clock, randomness and transport are injected (STYLE.md §3).',
      ),
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use the injected Clock.' },
        { name: 'setInterval', message: 'Use the injected Clock.' },
        { name: 'fetch', message: 'Use the injected Transport.' },
        { name: 'Date', message: 'Use the injected Clock.' },
        { name: 'performance', message: 'Use the injected Clock.' },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded rng.' }],
    },
  },
  {
    files: ['main/sandbox/**/*.ts'],
    rules: restrict(
      ['electron', 'express', 'better-sqlite3', 'undici', ...NODE_BUILTINS, '../host/*', '../store/*', '../cli/*', '**/mocks/server/*'],
      'main/sandbox/ is a library (QuickJS behind the engine\'s CodeSandbox interface): no Electron or Node-only modules, so it can run in a worker or a browser.',
    ),
  },
  {
    files: ['mocks/core/**/*.ts'],
    rules: {
      ...restrict(
        ['electron', 'express', 'better-sqlite3', 'undici', 'node:*', '**/main/host/*', '**/main/store/*', '../server/*'],
        'The mock decision core is pure and shared with the virtual clock.',
      ),
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Decide, do not wait: the server applies the latency.' },
        { name: 'Date', message: 'Time is passed in.' },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded rng.' }],
    },
  },
  {
    files: ['mocks/**/*.ts'],
    ignores: ['mocks/core/**/*.ts'],
    rules: restrict(['electron', '**/main/host/*', '**/main/store/*'], 'mocks/ must not depend on Electron or the host (STYLE.md §1).'),
  },
  {
    files: ['main/store/**/*.ts', 'main/cli/**/*.ts', 'main/host/**/*.ts', 'main/formats/**/*.ts'],
    rules: restrict(['electron'], 'Only main/index.ts may import electron (STYLE.md §1).'),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    rules: restrict(
      ['electron', ...NODE_BUILTINS, '**/main/engine/*', '**/main/host/*', '**/main/store/*', '**/main/cli/*', '**/main/formats/*', '**/mocks/*', '**/mocks/**'],
      'The renderer talks to the host only through the API contract (main/api) (STYLE.md §1).',
    ),
  },
);
