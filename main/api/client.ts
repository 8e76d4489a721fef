import type { EventName, EventPayload, InputOf, OutputOf, RouteName } from './contract';

/** What the UI talks to: the same in Electron (IPC) and in browser mode (HTTP + SSE). */
export interface FlowbenchClient {
  /** Calls one route; rejects with `ApiCallError` when the host answers with an error. */
  call<N extends RouteName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>;
  /** Subscribes to one kind of host event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
