import { routeNames } from '../api/contract';
import { EVENT_CHANNEL, callChannel } from '../api/bridge';
import type { CallResult } from '../api/errors';
import type { Host } from '../host/host';

/** The part of Electron's ipcMain this module needs (so it is testable without Electron). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcInvokeEventLike {
  senderFrame: { url: string } | null;
}

export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/**
 * One `ipcMain.handle` per contract call; each validates the sender and hands the raw
 * input to the host's dispatcher, which validates it against the contract.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  host: Host,
  isTrustedSender: (frameUrl: string) => boolean,
): () => void {
  for (const name of routeNames) {
    ipcMain.handle(callChannel(name), async (event, input): Promise<CallResult<unknown>> => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedSender(url)) {
        return { ok: false, error: { code: 'forbidden', message: `call ${name} refused: untrusted sender ${url || '(unknown)'}` } };
      }
      return host.dispatch(name, input);
    });
  }
  return () => {
    for (const name of routeNames) ipcMain.removeHandler(callChannel(name));
  };
}

/** Forwards every host event to the window. */
export function forwardEvents(host: Host, contents: WebContentsLike): () => void {
  return host.events.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
}
