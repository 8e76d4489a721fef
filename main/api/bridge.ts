import type { CallResult } from './errors';
import type { EventName, EventPayload, InputOf, OutputOf, RouteName } from './contract';

/** IPC channel of one route; one channel per contract call, nothing generic. */
export function callChannel(name: RouteName): string {
  return `flowbench:call:${name}`;
}

/** The single channel host events travel on (main → renderer only). */
export const EVENT_CHANNEL = 'flowbench:event';

/**
 * What the preload exposes as `window.flowbench`: one function per contract call, and a
 * subscription to contract events. Nothing else.
 */
export interface FlowbenchBridge {
  readonly call: { readonly [N in RouteName]: (input: InputOf<N>) => Promise<CallResult<OutputOf<N>>> };
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
