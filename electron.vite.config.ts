import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import type { WarningHandlerWithDefault } from 'rollup';

const root = import.meta.dirname;

/** zod ships comments Rollup cannot place; they are harmless, so keep the build output quiet. */
const onwarn: WarningHandlerWithDefault = (warning, warn) => {
  if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
};

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      target: 'node20',
      externalizeDeps: true,
      rollupOptions: {
        onwarn,
        input: {
          index: resolve(root, 'main/index.ts'),
          browser: resolve(root, 'main/browser.ts'),
          cli: resolve(root, 'main/cli/main.ts'),
          // The worker pool's entry (main/workers/worker-file.ts finds it as out/main/pool-worker.js).
          'pool-worker': resolve(root, 'main/workers/pool-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require node_modules: bundle everything, as CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        onwarn,
        input: { index: resolve(root, 'preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [vue()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 2000,
      rollupOptions: { onwarn, input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
