import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

/**
 * Tests whose assertions are about wall time (real clock, injected latencies, recorded
 * sessions): they run after the CPU-heavy groups, one file at a time, so a busy machine
 * delays them less; their margins are stated in each test.
 */
const TIMING = [
  'test/integration/real-clock/**/*.test.ts',
  'test/integration/sessions/**/*.test.ts',
  'test/integration/mock-server/faults.test.ts',
  'test/integration/mock-server/slow-clients.test.ts',
];
/** The 100k-request soak loads both cores: it runs alone, never beside a timing test. */
const SOAK = ['test/integration/mock-server/soak.test.ts'];
/**
 * End-to-end files that talk to the workbench on the real clock (live sessions, real-clock
 * runs) or time the server: one at a time, after the others, which run two at a time.
 */
const E2E_LIVE = [
  'test/e2e/mocks-live-patch.test.ts',
  'test/e2e/sessions.test.ts',
  'test/e2e/support-timeout-story.test.ts',
  'test/e2e/voice-session-controls.test.ts',
  'test/e2e/worker-pool-built.test.ts',
];
/** Loads the QuickJS sandbox once per test file, as the CLI and the host do at start-up. */
const SANDBOX = ['test/support/load-code-sandbox.ts'];
/**
 * On a loaded 2-core machine a test waits for a core: timeouts are bounds against a hang, not
 * measurements, and `expect.poll` waits for what it polls for (10 s) rather than 1 s.
 */
const LOADED_MACHINE = { testTimeout: 30_000, expect: { poll: { timeout: 10_000 } } };

/**
 * The files of a worker share its loaded modules instead of loading them again for each file
 * (vitest's `isolate: false`): importing the engine, the store and the QuickJS sandbox cost
 * about 2 s per file, more than most files' tests. Each file sets up the state it uses (its own
 * Pinia, client, server, database, temp folder); the suite passes with the files in shuffled
 * orders (`--sequence.shuffle.files`). The e2e files keep the default: each has its own
 * workbench and Chromium anyway.
 */
const SHARED_MODULES = { isolate: false };

// Groups run one after another (sequence.groupOrder); projects in the same group run together.
export default defineConfig({
  test: {
    // Vitest's default in run mode is one worker per core less one: a single worker on the
    // 2-core machines CI runs on, where most test files wait on sockets, child processes and
    // worker threads. Two files at a time (the timing, soak and e2e projects keep one).
    maxWorkers: 2,
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', ...SHARED_MODULES, setupFiles: SANDBOX, ...LOADED_MACHINE, sequence: { groupOrder: 0 } },
      },
      {
        plugins: [vue()],
        test: { name: 'renderer', include: ['test/renderer/**/*.test.ts'], environment: 'happy-dom', ...SHARED_MODULES, ...LOADED_MACHINE, sequence: { groupOrder: 0 } },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: [...TIMING, ...SOAK],
          environment: 'node',
          ...SHARED_MODULES,
          setupFiles: SANDBOX,
          ...LOADED_MACHINE,
          hookTimeout: 30_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'timing',
          include: TIMING,
          environment: 'node',
          ...SHARED_MODULES,
          setupFiles: SANDBOX,
          fileParallelism: false,
          ...LOADED_MACHINE,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: { name: 'soak', include: SOAK, environment: 'node', testTimeout: 300_000, sequence: { groupOrder: 3 } },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          exclude: E2E_LIVE,
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          // Each file has its own workbench, data folder and Chromium: two files at a time (maxWorkers).
          expect: LOADED_MACHINE.expect,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 4 },
        },
      },
      {
        test: {
          name: 'e2e-live',
          include: E2E_LIVE,
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          fileParallelism: false,
          expect: LOADED_MACHINE.expect,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 5 },
        },
      },
    ],
  },
});
