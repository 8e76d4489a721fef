import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, resolveAppPath } from '../../../main/desktop/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../main/host/csp';

const renderer = '/app/out/renderer';

describe('app:// path resolution (pure)', () => {
  it('maps app://flowbench/… to files inside out/renderer, / to index.html', () => {
    expect(APP_ENTRY_URL).toBe('app://flowbench/index.html');
    expect(resolveAppPath(renderer, 'app://flowbench/')).toEqual({ ok: true, path: '/app/out/renderer/index.html' });
    expect(resolveAppPath(renderer, 'app://flowbench/index.html#/mocks')).toEqual({ ok: true, path: '/app/out/renderer/index.html' });
    expect(resolveAppPath(renderer, 'app://flowbench/assets/index-abc.js?v=1')).toEqual({ ok: true, path: '/app/out/renderer/assets/index-abc.js' });
    expect(resolveAppPath(renderer, 'app://flowbench/assets/a%20b.css')).toEqual({ ok: true, path: '/app/out/renderer/assets/a b.css' });
  });

  it('refuses every way out of the folder', () => {
    const refused = (url: string): number | null => {
      const r = resolveAppPath(renderer, url);
      return r.ok ? null : r.status;
    };
    // The URL parser folds ../ and %2e%2e/ above the root (to /etc/passwd inside the folder, which is fine):
    expect(resolveAppPath(renderer, 'app://flowbench/../../etc/passwd')).toEqual({ ok: true, path: '/app/out/renderer/etc/passwd' });
    expect(resolveAppPath(renderer, 'app://flowbench/%2e%2e/%2e%2e/etc/passwd')).toEqual({ ok: true, path: '/app/out/renderer/etc/passwd' });
    // Encoded slashes and backslashes reach the decoder and are refused there:
    expect(refused('app://flowbench/assets/..%2f..%2f..%2fetc%2fpasswd')).toBe(403);
    expect(refused('app://flowbench/..%5c..%5cwindows%5cwin.ini')).toBe(403);
    expect(refused('app://flowbench/%00index.html')).toBe(400);
    expect(refused('app://flowbench/%E0%A4%A')).toBe(400);
    expect(refused('app://other/index.html')).toBe(404);
    expect(refused('file:///app/out/renderer/index.html')).toBe(404);
    expect(refused('https://flowbench/index.html')).toBe(404);
    expect(refused('nonsense')).toBe(400);
  });

  it('registers app: as a standard, secure scheme that does not bypass the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: false, bypassCSP: false, allowServiceWorkers: false },
    });
  });
});

describe('app:// handler (real files)', () => {
  let root: string;
  let handler: ReturnType<typeof createAppProtocolHandler>;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'flowbench-app-'));
    mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
    writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>flowbench</title>');
    writeFileSync(join(root, 'renderer', 'assets', 'main.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'outside');
    symlinkSync(join(root, 'secret.txt'), join(root, 'renderer', 'assets', 'leak.txt'));
    handler = createAppProtocolHandler(join(root, 'renderer'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves index.html and assets with their type and the CSP', async () => {
    const page = await handler({ url: 'app://flowbench/' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>flowbench</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await handler({ url: 'app://flowbench/assets/main.js', method: 'GET' });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('refuses traversal, a symlink that leads out, folders, missing files and other methods', async () => {
    expect((await handler({ url: 'app://flowbench/..%2fsecret.txt' })).status).toBe(403);
    expect((await handler({ url: 'app://flowbench/%2e%2e/secret.txt' })).status).toBe(404); // folded to renderer/secret.txt
    const leak = await handler({ url: 'app://flowbench/assets/leak.txt' });
    expect(leak.status).toBe(403);
    expect(await leak.text()).not.toContain('outside');
    expect((await handler({ url: 'app://flowbench/assets' })).status).toBe(404);
    expect((await handler({ url: 'app://flowbench/nope.js' })).status).toBe(404);
    expect((await handler({ url: 'app://flowbench/index.html', method: 'POST' })).status).toBe(405);
  });
});
