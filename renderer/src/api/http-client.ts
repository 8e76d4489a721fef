import type { FlowbenchClient } from '../../../main/api/client';
import { contract, eventContract } from '../../../main/api/contract';
import type { EventName, EventPayload, InputOf, OutputOf, RouteName } from '../../../main/api/contract';
import { ApiCallError, CallResultSchema } from '../../../main/api/errors';
import { describeIssues, zodIssues } from '../../../main/api/validate';

/** The client in browser mode: one POST per call, server-sent events for host events. */
export function createHttpClient(baseUrl = ''): FlowbenchClient {
  let source: EventSource | undefined;
  const subscribed = new Set<string>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const ensureSource = (event: EventName): void => {
    source ??= new EventSource(`${baseUrl}/api/events`);
    if (subscribed.has(event)) return;
    subscribed.add(event);
    source.addEventListener(event, (message: MessageEvent<string>) => {
      const parsed = eventContract[event].payload.safeParse(JSON.parse(message.data));
      if (!parsed.success) return;
      for (const listener of listeners.get(event) ?? []) listener(parsed.data);
    });
  };

  return {
    async call<N extends RouteName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        throw new ApiCallError(name, {
          code: 'internal',
          message: `the workbench host is not reachable (${error instanceof Error ? error.message : String(error)}); is it still running?`,
        });
      }
      const envelope = CallResultSchema.safeParse(await response.json().catch(() => null));
      if (!envelope.success) {
        throw new ApiCallError(name, { code: 'internal', message: `${name}: HTTP ${response.status} outside the contract` });
      }
      if (!envelope.data.ok) throw new ApiCallError(name, envelope.data.error);
      const output = contract[name].output.safeParse(envelope.data.value);
      if (!output.success) {
        throw new ApiCallError(name, {
          code: 'internal',
          message: `${name}: output breaks the contract: ${describeIssues(zodIssues(output.error))}`,
        });
      }
      return output.data as OutputOf<N>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      ensureSource(event);
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}
