import { describe, expect, it } from 'vitest';
import { routeNames } from '../../../main/api/contract';
import { callChannel, EVENT_CHANNEL } from '../../../main/api/bridge';
import { forwardEvents, registerIpc } from '../../../main/desktop/register-ipc';
import type { IpcInvokeEventLike, IpcMainLike } from '../../../main/desktop/register-ipc';
import { createHost } from '../../../main/host/host';
import { examplesDir, repoRoot } from '../../support/paths';

class RecordingIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

const host = createHost({ mode: 'desktop', appRoot: repoRoot, name: 'flowbench', version: '9.9.9', dataDir: '/tmp/fb', examplesDir });
const trusted = (url: string): boolean => url.startsWith('file:///app/');

describe('IPC wiring', () => {
  it('registers exactly one channel per contract call and removes them again', () => {
    const ipc = new RecordingIpcMain();
    const unregister = registerIpc(ipc, host, trusted);
    expect([...ipc.handlers.keys()].sort()).toEqual(routeNames.map(callChannel).sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('validates inputs on the host side and refuses untrusted senders', async () => {
    const ipc = new RecordingIpcMain();
    registerIpc(ipc, host, trusted);
    const handler = ipc.handlers.get(callChannel('app.info'));
    expect(handler).toBeDefined();
    const fromApp = { senderFrame: { url: 'file:///app/index.html' } };
    expect(await handler?.(fromApp, {})).toMatchObject({ ok: true, value: { version: '9.9.9', mode: 'desktop' } });
    expect(await handler?.(fromApp, { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await handler?.({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('untrusted sender') },
    });
  });

  it('forwards host events to the window until stopped', () => {
    const sent: unknown[][] = [];
    const stop = forwardEvents(host, { send: (...args) => sent.push(args), isDestroyed: () => false });
    host.events.emit('host.notice', { level: 'info', message: 'hello' });
    stop();
    host.events.emit('host.notice', { level: 'info', message: 'unheard' });
    expect(sent).toEqual([[EVENT_CHANNEL, { name: 'host.notice', payload: { level: 'info', message: 'hello' } }]]);
  });
});
