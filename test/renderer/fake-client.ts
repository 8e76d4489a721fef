import type { FlowbenchClient } from '../../main/api/client';
import type { InputOf, OutputOf, RouteName } from '../../main/api/contract';

type Handlers = { [N in RouteName]?: (input: InputOf<N>) => OutputOf<N> | Promise<OutputOf<N>> };

/** A client that answers from the handlers given and records every call. */
export function fakeClient(handlers: Handlers): FlowbenchClient & { calls: { name: RouteName; input: unknown }[] } {
  const calls: { name: RouteName; input: unknown }[] = [];
  return {
    calls,
    async call<N extends RouteName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
      calls.push({ name, input });
      const handler = handlers[name] as ((input: InputOf<N>) => OutputOf<N> | Promise<OutputOf<N>>) | undefined;
      if (!handler) throw new Error(`no fake for ${name}`);
      return handler(input);
    },
    on: () => () => undefined,
  };
}
