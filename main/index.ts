/**
 * Electron entry: the only module of main/ that imports electron at run time. It builds
 * the host, wires the IPC contract and opens the workbench window.
 */
import { BrowserWindow, app, ipcMain, session } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { findAppRoot } from './host/app-root';
import { createHost } from './host/host';
import { loadCodeSandbox } from './sandbox/load-code-sandbox';
import { CONTENT_SECURITY_POLICY } from './host/csp';
import { workbenchWindowOptions } from './desktop/window-options';
import { denyWindowOpen, isAllowedNavigation } from './desktop/navigation-policy';
import { forwardEvents, registerIpc } from './desktop/register-ipc';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = findAppRoot(here);

app.enableSandbox();

// The JavaScript sandbox (QuickJS, WebAssembly) loads while Electron starts.
const sandboxLoaded = loadCodeSandbox();

void Promise.all([app.whenReady(), sandboxLoaded]).then(() => {
  const host = createHost({
    mode: 'desktop',
    appRoot: pkg.root,
    name: pkg.name,
    version: pkg.version,
    dataDir: app.getPath('userData'),
  });

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  const appUrl = devUrl ?? pathToFileURL(join(here, '../renderer/index.html')).href;
  const unregister = registerIpc(ipcMain, host, (url) => isAllowedNavigation(url, appUrl));

  const window = new BrowserWindow(workbenchWindowOptions(join(here, '../preload/index.cjs')));
  const stopEvents = forwardEvents(host, window.webContents);
  window.webContents.setWindowOpenHandler(denyWindowOpen);
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, appUrl)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    stopEvents();
    unregister();
  });
  void window.loadURL(appUrl);

  app.on('window-all-closed', () => {
    void host.close().finally(() => app.quit());
  });
});
