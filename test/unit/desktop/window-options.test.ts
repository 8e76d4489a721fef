import { describe, expect, it } from 'vitest';
import { workbenchWindowOptions } from '../../../main/desktop/window-options';
import { denyWindowOpen, isAllowedNavigation } from '../../../main/desktop/navigation-policy';
import { CONTENT_SECURITY_POLICY } from '../../../main/host/csp';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths';

describe('desktop window', () => {
  const options = workbenchWindowOptions('/app/out/preload/index.cjs', { devTools: false });

  it('isolates and sandboxes the renderer, with no Node.js', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(workbenchWindowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('blocks navigation away from the app and every window.open', () => {
    const app = 'file:///app/out/renderer/index.html';
    expect(isAllowedNavigation('file:///app/out/renderer/index.html#/mocks', app)).toBe(true);
    expect(isAllowedNavigation('file:///etc/passwd', app)).toBe(false);
    expect(isAllowedNavigation('https://example.com/', app)).toBe(false);
    expect(isAllowedNavigation('not a url', app)).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
    const appUrl = 'app://flowbench/index.html';
    expect(isAllowedNavigation('app://flowbench/index.html#/mocks', appUrl)).toBe(true);
    expect(isAllowedNavigation('app://flowbench/assets/x.js', appUrl)).toBe(true);
    expect(isAllowedNavigation('app://evil/index.html', appUrl)).toBe(false);
    expect(isAllowedNavigation('app://user:pw@flowbench/index.html', appUrl)).toBe(false);
    expect(isAllowedNavigation('file:///app/out/renderer/index.html', appUrl)).toBe(false);
    expect(isAllowedNavigation('https://flowbench/', appUrl)).toBe(false);
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
  });

  it('uses a strict CSP: no eval, no inline scripts, no foreign hosts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('puts the same script policy in the page itself (file:// has no headers)', () => {
    const html = readFileSync(join(repoRoot, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    for (const directive of CONTENT_SECURITY_POLICY.split('; ').filter((d) => d !== "frame-ancestors 'none'")) {
      expect(meta).toContain(directive);
    }
  });
});
