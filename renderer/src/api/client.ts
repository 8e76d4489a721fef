import type { FlowbenchClient } from '../../../main/api/client';
import { takeAccessToken } from './access-token';
import { createHttpClient } from './http-client';
import { createIpcClient } from './ipc-client';

/** The desktop app has `window.flowbench` (from the preload); browser mode talks HTTP. */
export function createClient(): FlowbenchClient {
  if (window.flowbench) return createIpcClient(window.flowbench);
  return createHttpClient(takeAccessToken({ location: window.location, history: window.history, storage: window.sessionStorage }));
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
