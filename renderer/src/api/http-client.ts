import type { FlowbenchClient } from '../../../main/api/client';
import { checkedResult } from '../../../main/api/checked-result';
import { EventListeners } from '../../../main/api/event-listeners';
import type { EventName, EventPayload, InputOf, OutputOf, RouteName } from '../../../main/api/contract';
import { ApiCallError } from '../../../main/api/errors';

/**
 * The client in browser mode: one POST per call, server-sent events for host events. Every
 * call carries the launch's access token (`Authorization: Bearer`); the event stream, which
 * EventSource opens without headers, carries it as `?token=`.
 */
export function createHttpClient(token: string | null, baseUrl = ''): FlowbenchClient {
  let source: EventSource | undefined;
  const subscribed = new Set<string>();
  const listeners = new EventListeners();

  const ensureSource = (event: EventName): void => {
    source ??= new EventSource(`${baseUrl}/api/events${token === null ? '' : `?token=${encodeURIComponent(token)}`}`);
    if (subscribed.has(event)) return;
    subscribed.add(event);
    source.addEventListener(event, (message: MessageEvent<string>) => listeners.deliver(event, JSON.parse(message.data)));
  };

  return {
    async call<N extends RouteName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        throw new ApiCallError(name, {
          code: 'internal',
          message: `the workbench host is not reachable (${error instanceof Error ? error.message : String(error)}); is it still running?`,
        });
      }
      const result = checkedResult(name, await response.json().catch(() => null), `HTTP ${response.status}`);
      if (!result.ok) throw new ApiCallError(name, result.error);
      return result.value;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      ensureSource(event);
      return listeners.add(event, listener);
    },
  };
}
