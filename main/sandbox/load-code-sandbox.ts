import type { FlowFile } from '../api/formats/flow';
import { flowHasCode } from '../api/formats/flow';
import type { CodeSandbox } from '../engine/code-sandbox';
import { QuickJsSandbox } from './quickjs-sandbox';

let loading: Promise<QuickJsSandbox> | null = null;
let ready: QuickJsSandbox | null = null;

/**
 * Loads this process's (or worker's) sandbox: the WebAssembly module once, asynchronously.
 * The CLI, the host entry points, the test set-up and the bench await it at start-up; after
 * that the loader's syntax checks and every run use it synchronously.
 */
export function loadCodeSandbox(): Promise<QuickJsSandbox> {
  loading ??= QuickJsSandbox.load().then((sandbox) => (ready = sandbox));
  return loading;
}

/** The loaded sandbox; throws if start-up did not load it (a programming error, not bad input). */
export function codeSandbox(): QuickJsSandbox {
  if (ready === null) throw new Error('the JavaScript sandbox is not loaded: await loadCodeSandbox() at start-up');
  return ready;
}

/** What a run of this flow needs injected: the sandbox when the flow has code, else nothing. */
export function sandboxFor(flow: FlowFile): { sandbox?: CodeSandbox } {
  return flowHasCode(flow) ? { sandbox: codeSandbox() } : {};
}
