import type { z } from 'zod';
import { appInfo } from './routes/app';
import { examplesList } from './routes/examples';
import { hostNotice, mocksJournalEvent } from './events';
import { mocksClearJournal, mocksJournal, mocksPatchRoute, mocksStart, mocksStatus, mocksStop } from './routes/mocks';

/**
 * The one API contract between the UI and the host. The Electron IPC handlers, the
 * preload bridge, the browser-mode HTTP server and client are all derived from it.
 */
export const contract = {
  [appInfo.name]: appInfo,
  [examplesList.name]: examplesList,
  [mocksStart.name]: mocksStart,
  [mocksStop.name]: mocksStop,
  [mocksStatus.name]: mocksStatus,
  [mocksPatchRoute.name]: mocksPatchRoute,
  [mocksJournal.name]: mocksJournal,
  [mocksClearJournal.name]: mocksClearJournal,
} as const;

/** Events the host pushes to the UI. */
export const eventContract = {
  [hostNotice.name]: hostNotice,
  [mocksJournalEvent.name]: mocksJournalEvent,
} as const;

export type Contract = typeof contract;
export type RouteName = keyof Contract;
export type InputOf<N extends RouteName> = z.input<Contract[N]['input']>;
export type ParsedInputOf<N extends RouteName> = z.output<Contract[N]['input']>;
export type OutputOf<N extends RouteName> = z.output<Contract[N]['output']>;

export type EventContract = typeof eventContract;
export type EventName = keyof EventContract;
export type EventPayload<E extends EventName> = z.output<EventContract[E]['payload']>;

export const routeNames = Object.freeze(Object.keys(contract)) as readonly RouteName[];
export const eventNames = Object.freeze(Object.keys(eventContract)) as readonly EventName[];

export function isRouteName(name: unknown): name is RouteName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(eventContract, name);
}

/** A host event as it travels over IPC or SSE. */
export interface HostEvent<E extends EventName = EventName> {
  name: E;
  payload: EventPayload<E>;
}
