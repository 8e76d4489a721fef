import type { FlowbenchClient } from '../../../main/api/client';
import { createHttpClient } from './http-client';
import { createIpcClient } from './ipc-client';

/** The desktop app has `window.flowbench` (from the preload); browser mode talks HTTP. */
export function createClient(): FlowbenchClient {
  return window.flowbench ? createIpcClient(window.flowbench) : createHttpClient();
}

let client: FlowbenchClient | undefined;

export function useClient(): FlowbenchClient {
  client ??= createClient();
  return client;
}

/** Tests and stories can put in their own client. */
export function setClient(next: FlowbenchClient): void {
  client = next;
}
