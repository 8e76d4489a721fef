import { describe, expect, it } from 'vitest';
import { desktopMode } from '../../../main/desktop/desktop-mode';

describe('development or production (DevTools, ELECTRON_RENDERER_URL)', () => {
  const dev = { isPackaged: false, nodeEnv: undefined, rendererUrl: 'http://localhost:5173' };

  it('in development: DevTools on, the dev server used', () => {
    expect(desktopMode(dev)).toEqual({ development: true, devTools: true, rendererUrl: 'http://localhost:5173', ignoredRendererUrl: null });
    expect(desktopMode({ ...dev, nodeEnv: 'development', rendererUrl: 'http://127.0.0.1:5174/' }).rendererUrl).toBe('http://127.0.0.1:5174/');
    expect(desktopMode({ ...dev, rendererUrl: undefined })).toEqual({ development: true, devTools: true, rendererUrl: null, ignoredRendererUrl: null });
  });

  it('a packaged app: no DevTools, ELECTRON_RENDERER_URL ignored (and said so)', () => {
    expect(desktopMode({ ...dev, isPackaged: true })).toEqual({
      development: false,
      devTools: false,
      rendererUrl: null,
      ignoredRendererUrl: 'ELECTRON_RENDERER_URL is ignored outside development (packaged app)',
    });
    expect(desktopMode({ ...dev, isPackaged: true, rendererUrl: undefined })).toEqual({ development: false, devTools: false, rendererUrl: null, ignoredRendererUrl: null });
  });

  it('NODE_ENV=production: the same as packaged, even from the source tree', () => {
    expect(desktopMode({ ...dev, nodeEnv: 'production' })).toMatchObject({
      development: false,
      devTools: false,
      rendererUrl: null,
      ignoredRendererUrl: 'ELECTRON_RENDERER_URL is ignored outside development (NODE_ENV=production)',
    });
  });

  it('even in development, only a dev server on this machine is trusted (the window gives it the IPC)', () => {
    for (const rendererUrl of ['https://evil.example/', 'file:///tmp/page.html', 'javascript:alert(1)', 'http://192.168.1.5:5173/', 'http://user:pw@localhost:5173/', 'not a url']) {
      const mode = desktopMode({ ...dev, rendererUrl });
      expect({ rendererUrl, used: mode.rendererUrl }).toEqual({ rendererUrl, used: null });
      expect(mode.ignoredRendererUrl).toContain('expected an http:// dev server on localhost or 127.0.0.1');
      expect(mode.devTools).toBe(true);
    }
  });
});
