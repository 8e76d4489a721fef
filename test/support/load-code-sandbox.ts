// Vitest set-up (unit and integration projects): loads the QuickJS sandbox once per test
// file before any test runs, as the CLI and the host do at start-up. The loader's syntax
// checks and every run of a flow with code use it synchronously afterwards.
import { loadCodeSandbox } from '../../main/sandbox/load-code-sandbox';

await loadCodeSandbox();
