import { contract, eventContract, isEventName, routeNames } from '../main/api/contract';
import type { EventName, EventPayload, HostEvent, RouteName } from '../main/api/contract';
import { EVENT_CHANNEL, callChannel } from '../main/api/bridge';
import type { FlowbenchBridge } from '../main/api/bridge';
import { CallResultSchema } from '../main/api/errors';
import type { CallResult } from '../main/api/errors';
import { describeIssues, zodIssues } from '../main/api/validate';

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
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  ipc.on(EVENT_CHANNEL, (_event, raw) => {
    if (typeof raw !== 'object' || raw === null) return;
    const { name, payload } = raw as Partial<HostEvent>;
    if (!isEventName(name)) return;
    const parsed = eventContract[name].payload.safeParse(payload);
    if (!parsed.success) return;
    for (const listener of listeners.get(name) ?? []) listener(parsed.data);
  });

  const call = Object.fromEntries(routeNames.map((name) => [name, makeCall(ipc, name)]));

  const bridge: FlowbenchBridge = {
    call: Object.freeze(call) as FlowbenchBridge['call'],
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      if (!isEventName(event)) throw new Error(`unknown flowbench event '${String(event)}'`);
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
  return Object.freeze(bridge);
}

function makeCall(ipc: IpcRendererLike, name: RouteName) {
  return async (input: unknown): Promise<CallResult<unknown>> => {
    const route = contract[name];
    const parsed = route.input.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      return { ok: false, error: { code: 'invalid_input', message: `invalid input for ${name}: ${describeIssues(issues)}`, issues } };
    }
    const raw = await ipc.invoke(callChannel(name), parsed.data);
    const envelope = CallResultSchema.safeParse(raw);
    if (!envelope.success) {
      return { ok: false, error: { code: 'internal', message: `${name}: the host answered outside the contract` } };
    }
    if (!envelope.data.ok) return envelope.data;
    const output = route.output.safeParse(envelope.data.value);
    if (!output.success) {
      return {
        ok: false,
        error: { code: 'internal', message: `${name}: output breaks the contract: ${describeIssues(zodIssues(output.error))}` },
      };
    }
    return { ok: true, value: output.data };
  };
}
