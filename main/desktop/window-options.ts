import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * Options of the workbench window. The renderer gets no Node.js, runs sandboxed and
 * isolated from the preload, which exposes only the API contract.
 */
export function workbenchWindowOptions(preloadPath: string, options: { devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'flowbench',
    backgroundColor: '#101418',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      /** Only in development (see desktopMode): a packaged app has no DevTools. */
      devTools: options.devTools,
    },
  };
}
