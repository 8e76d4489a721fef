import { describe, expect, it } from 'vitest';
import { routeNames } from '../../../main/api/contract';
import { EVENT_CHANNEL, callChannel } from '../../../main/api/bridge';
import { createBridge } from '../../../preload/create-bridge';
import type { IpcRendererLike } from '../../../preload/create-bridge';

class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  private eventListener: ((event: unknown, ...args: unknown[]) => void) | undefined;
  constructor(private readonly answer: (channel: string, input: unknown) => unknown) {}
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve(this.answer(channel, args[0]));
  }
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void {
    expect(channel).toBe(EVENT_CHANNEL);
    this.eventListener = listener;
  }
  push(payload: unknown): void {
    this.eventListener?.({}, payload);
  }
}

const info = { name: 'flowbench', version: '1.0.0', mode: 'desktop', dataDir: '/d', platform: 'p', node: '20' };

describe('preload bridge', () => {
  it('exposes exactly the contract calls plus on(), frozen', () => {
    const bridge = createBridge(new FakeIpcRenderer(() => null));
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on']);
    expect(Object.keys(bridge.call).sort()).toEqual([...routeNames].sort());
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.isFrozen(bridge.call)).toBe(true);
    expect((bridge.call as Record<string, unknown>)['ipc.raw']).toBeUndefined();
  });

  it('sends each call on its own channel and checks the answer', async () => {
    const ipc = new FakeIpcRenderer(() => ({ ok: true, value: info }));
    const bridge = createBridge(ipc);
    expect(await bridge.call['app.info']({})).toEqual({ ok: true, value: info });
    expect(ipc.invoked).toEqual([{ channel: callChannel('app.info'), args: [{}] }]);
  });

  it('refuses invalid input before it leaves the renderer', async () => {
    const ipc = new FakeIpcRenderer(() => ({ ok: true, value: info }));
    const result = await createBridge(ipc).call['examples.list']({ kind: 'bogus' } as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'kind' }] } });
    expect(ipc.invoked).toEqual([]);
  });

  it('rejects an answer outside the contract', async () => {
    const bridge = createBridge(new FakeIpcRenderer(() => ({ ok: true, value: { name: 1 } })));
    expect(await bridge.call['app.info']({})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers only contract events with valid payloads', () => {
    const ipc = new FakeIpcRenderer(() => null);
    const bridge = createBridge(ipc);
    const got: unknown[] = [];
    const off = bridge.on('host.notice', (p) => got.push(p));
    ipc.push({ name: 'host.notice', payload: { level: 'info', message: 'a' } });
    ipc.push({ name: 'host.notice', payload: { level: 'loud', message: 'b' } });
    ipc.push({ name: 'other.event', payload: {} });
    off();
    ipc.push({ name: 'host.notice', payload: { level: 'info', message: 'c' } });
    expect(got).toEqual([{ level: 'info', message: 'a' }]);
    expect(() => bridge.on('nope' as never, () => {})).toThrow(/unknown flowbench event/);
  });
});
