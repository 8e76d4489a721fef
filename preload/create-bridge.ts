import { checkedResult } from '../main/api/checked-result';
import { contract, routeNames } from '../main/api/contract';
import type { EventName, EventPayload, HostEvent, RouteName } from '../main/api/contract';
import { EVENT_CHANNEL, callChannel } from '../main/api/bridge';
import type { FlowbenchBridge } from '../main/api/bridge';
import type { CallResult } from '../main/api/errors';
import { inputError } from '../main/api/validate';
import { EventListeners } from '../main/api/event-listeners';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Builds `window.flowbench`: one function per contract call (input checked before it
 * leaves the renderer, output checked when it comes back) and `on` for contract events.
 * Unknown calls or events do not exist on it.
 */
export function createBridge(ipc: IpcRendererLike): FlowbenchBridge {
  const listeners = new EventListeners();

  ipc.on(EVENT_CHANNEL, (_event, raw) => {
    if (typeof raw !== 'object' || raw === null) return;
    const { name, payload } = raw as Partial<HostEvent>;
    listeners.deliver(name, payload);
  });

  const call = Object.fromEntries(routeNames.map((name) => [name, makeCall(ipc, name)]));

  const bridge: FlowbenchBridge = {
    call: Object.freeze(call) as FlowbenchBridge['call'],
    on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => listeners.add(event, listener),
  };
  return Object.freeze(bridge);
}

function makeCall(ipc: IpcRendererLike, name: RouteName) {
  return async (input: unknown): Promise<CallResult<unknown>> => {
    const route = contract[name];
    const parsed = route.input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: inputError(name, parsed.error) };
    return checkedResult(name, await ipc.invoke(callChannel(name), parsed.data));
  };
}
