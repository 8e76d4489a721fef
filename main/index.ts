/**
 * Electron entry: the only module of main/ that imports electron at run time. It builds
 * the host, wires the IPC contract and opens the workbench window, served over app://.
 */
import { BrowserWindow, app, ipcMain, protocol, session } from 'electron';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { findAppRoot } from './host/app-root';
import { createHost } from './host/host';
import { loadCodeSandbox } from './sandbox/load-code-sandbox';
import { CONTENT_SECURITY_POLICY } from './host/csp';
import { prepareDataDir } from './host/data-dir';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './desktop/app-protocol';
import { desktopMode } from './desktop/desktop-mode';
import { guardNavigation, isTrustedSender } from './desktop/navigation-policy';
import { forwardEvents, registerIpc } from './desktop/register-ipc';
import { denyAllPermissions } from './desktop/session-policy';
import { workbenchWindowOptions } from './desktop/window-options';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = findAppRoot(here);
const mode = desktopMode({ isPackaged: app.isPackaged, nodeEnv: process.env['NODE_ENV'], rendererUrl: process.env['ELECTRON_RENDERER_URL'] });
if (mode.ignoredRendererUrl !== null) process.stderr.write(`flowbench: ${mode.ignoredRendererUrl}\n`);
const appUrl = mode.rendererUrl ?? APP_ENTRY_URL;

app.enableSandbox();
// Before ready: app:// is a standard, secure scheme (its own origin, fetch, no CSP bypass).
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// Every page Electron creates (the window, any popup a bug might allow) gets the policy.
app.on('web-contents-created', (_event, contents) => {
  guardNavigation(contents, appUrl, (kind, url) => process.stderr.write(`flowbench: blocked ${kind} to ${url}\n`));
});

// The JavaScript sandbox (QuickJS, WebAssembly) loads while Electron starts.
const sandboxLoaded = loadCodeSandbox();

void Promise.all([app.whenReady(), sandboxLoaded]).then(() => {
  const dataDir = app.getPath('userData');
  for (const warning of prepareDataDir(dataDir, { tighten: true }).warnings) {
    process.stderr.write(`flowbench: warning: ${warning}\n`);
  }
  const host = createHost({ mode: 'desktop', appRoot: pkg.root, name: pkg.name, version: pkg.version, dataDir });

  protocol.handle(APP_SCHEME, createAppProtocolHandler(join(here, '../renderer')));
  denyAllPermissions(session.defaultSession);
  // The dev server's pages get the CSP as a header too (app:// responses carry it themselves).
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  const unregister = registerIpc(ipcMain, host, (url) => isTrustedSender(url, appUrl));
  const window = new BrowserWindow(workbenchWindowOptions(join(here, '../preload/index.cjs'), { devTools: mode.devTools }));
  const stopEvents = forwardEvents(host, window.webContents);
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
