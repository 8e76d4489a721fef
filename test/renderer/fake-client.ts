import type { FlowbenchClient } from '../../main/api/client';
import type { EventName, EventPayload, InputOf, OutputOf, RouteName } from '../../main/api/contract';

type Handlers = { [N in RouteName]?: (input: InputOf<N>) => OutputOf<N> | Promise<OutputOf<N>> };

export interface FakeClient extends FlowbenchClient {
  calls: { name: RouteName; input: unknown }[];
  /** Sends a host event to whoever listens. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** A client that answers from the handlers given, records every call and lets a test send host events. */
export function fakeClient(handlers: Handlers): FakeClient {
  const calls: { name: RouteName; input: unknown }[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  return {
    calls,
    async call<N extends RouteName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
      calls.push({ name, input });
      const handler = handlers[name] as ((input: InputOf<N>) => OutputOf<N> | Promise<OutputOf<N>>) | undefined;
      if (!handler) throw new Error(`no fake for ${name}`);
      return handler(input);
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
  };
}
