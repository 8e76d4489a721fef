import { describe, expect, it } from 'vitest';
import { callChannel } from '../../../main/api/bridge';
import { guardNavigation, isTrustedSender } from '../../../main/desktop/navigation-policy';
import type { GuardedContentsLike, NavigationEventLike } from '../../../main/desktop/navigation-policy';
import { registerIpc } from '../../../main/desktop/register-ipc';
import type { IpcInvokeEventLike, IpcMainLike } from '../../../main/desktop/register-ipc';
import { denyAllPermissions } from '../../../main/desktop/session-policy';
import type { PermissionSessionLike } from '../../../main/desktop/session-policy';
import { createHost } from '../../../main/host/host';
import { examplesDir, repoRoot } from '../../support/paths';

const APP = 'app://flowbench/index.html';

/** The WebContents surface guardNavigation uses, recording what it registers. */
class FakeContents implements GuardedContentsLike {
  readonly listeners = new Map<string, (details: NavigationEventLike, url?: string) => void>();
  openHandler: (() => { action: 'deny' }) | null = null;
  on(event: string, listener: (details: NavigationEventLike, url?: string) => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  setWindowOpenHandler(handler: () => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  /** Fires an event; true when the handler cancelled it. */
  fire(event: string, details: { url?: string }, legacyUrl?: string): boolean {
    let prevented = false;
    this.listeners.get(event)?.({ ...details, preventDefault: () => void (prevented = true) }, legacyUrl);
    return prevented;
  }
}

describe('navigation policy on every page', () => {
  it('cancels will-navigate, will-redirect and will-frame-navigate away from app://, and says so', () => {
    const contents = new FakeContents();
    const blocked: string[] = [];
    guardNavigation(contents, APP, (kind, url) => blocked.push(`${kind} ${url}`));
    expect([...contents.listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
    for (const kind of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(contents.fire(kind, { url: 'app://flowbench/index.html#/mocks' })).toBe(false);
      expect(contents.fire(kind, { url: 'https://evil.example/' })).toBe(true);
      expect(contents.fire(kind, { url: 'file:///etc/passwd' })).toBe(true);
    }
    // Older Electron passes the URL as the second argument.
    expect(contents.fire('will-redirect', {}, 'https://evil.example/login')).toBe(true);
    expect(contents.fire('will-navigate', {})).toBe(true);
    expect(contents.fire('will-attach-webview', {})).toBe(true);
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
    expect(blocked).toContain('will-redirect https://evil.example/login');
    expect(blocked).toContain('will-frame-navigate file:///etc/passwd');
  });
});

describe('permissions', () => {
  it('refuses every permission request and check', () => {
    const answers: boolean[] = [];
    const session: PermissionSessionLike & { request?: Parameters<PermissionSessionLike['setPermissionRequestHandler']>[0]; check?: Parameters<PermissionSessionLike['setPermissionCheckHandler']>[0]; device?: Parameters<PermissionSessionLike['setDevicePermissionHandler']>[0] } = {
      setPermissionRequestHandler(handler) {
        session.request = handler;
      },
      setPermissionCheckHandler(handler) {
        session.check = handler;
      },
      setDevicePermissionHandler(handler) {
        session.device = handler;
      },
    };
    denyAllPermissions(session);
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal', 'hid', 'fullscreen']) {
      session.request?.(null, permission, (granted) => answers.push(granted));
      expect(session.check?.(null, permission, 'app://flowbench')).toBe(false);
    }
    expect(answers).toEqual([false, false, false, false, false, false, false]);
    expect(session.device?.({ deviceType: 'usb', origin: 'app://flowbench' })).toBe(false);
  });
});

describe('IPC senders', () => {
  it('trusts only frames of the app:// origin', async () => {
    expect(isTrustedSender('app://flowbench/index.html', APP)).toBe(true);
    expect(isTrustedSender('app://flowbench/index.html#/runs', APP)).toBe(true);
    for (const url of ['', 'file:///app/out/renderer/index.html', 'https://evil.example/', 'app://evil/index.html', 'http://localhost:5173/']) {
      expect({ url, trusted: isTrustedSender(url, APP) }).toEqual({ url, trusted: false });
    }
    const handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
    const ipc: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener), removeHandler: (channel) => void handlers.delete(channel) };
    const host = createHost({ mode: 'desktop', appRoot: repoRoot, name: 'flowbench', version: '1.2.3', dataDir: '/tmp/fb', examplesDir });
    registerIpc(ipc, host, (url) => isTrustedSender(url, APP));
    const info = handlers.get(callChannel('app.info'));
    expect(await info?.({ senderFrame: { url: 'app://flowbench/index.html' } }, {})).toMatchObject({ ok: true, value: { version: '1.2.3' } });
    expect(await info?.({ senderFrame: null }, {})).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'call app.info refused: untrusted sender (unknown)' } });
    expect(await info?.({ senderFrame: { url: 'file:///tmp/evil.html' } }, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await host.close();
  });
});
