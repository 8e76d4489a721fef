import { eventContract } from '../api/contract';
import type { EventName, EventPayload, HostEvent } from '../api/contract';

export type HostEventListener = (event: HostEvent) => void;

/** Typed fan-out of host events to every connected UI (IPC window, SSE clients). */
export class EventBus {
  private readonly listeners = new Set<HostEventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const checked = eventContract[name].payload.parse(payload) as EventPayload<E>;
    const event: HostEvent = { name, payload: checked } as HostEvent;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // One broken subscriber must not stop the others.
      }
    }
  }

  subscribe(listener: HostEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get size(): number {
    return this.listeners.size;
  }
}
