import type { FlowbenchBridge } from '../../../main/api/bridge';
import type { FlowbenchClient } from '../../../main/api/client';
import type { InputOf, OutputOf, RouteName } from '../../../main/api/contract';
import { ApiCallError } from '../../../main/api/errors';
import type { CallResult } from '../../../main/api/errors';

/** The client in the desktop app: calls go through the preload bridge. */
export function createIpcClient(bridge: FlowbenchBridge): FlowbenchClient {
  return {
    async call<N extends RouteName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
      const fn = bridge.call[name] as (input: InputOf<N>) => Promise<CallResult<OutputOf<N>>>;
      const result = await fn(input);
      if (!result.ok) throw new ApiCallError(name, result.error);
      return result.value;
    },
    on: (event, listener) => bridge.on(event, listener),
  };
}
