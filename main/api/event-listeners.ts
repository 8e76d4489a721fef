import { eventContract, isEventName } from './contract';
import type { EventName, EventPayload } from './contract';

/**
 * The UI side of host events: listeners per event name, and delivery of raw events that are
 * checked against the contract first (unknown names and bad payloads are dropped).
 */
export class EventListeners {
  private readonly listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  add<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    if (!isEventName(event)) throw new Error(`unknown flowbench event '${String(event)}'`);
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  }

  deliver(name: unknown, payload: unknown): void {
    if (!isEventName(name)) return;
    const parsed = eventContract[name].payload.safeParse(payload);
    if (!parsed.success) return;
    for (const listener of this.listeners.get(name) ?? []) listener(parsed.data);
  }
}
