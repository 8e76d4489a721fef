/**
 * Development or production, decided once at start-up from what Electron and the environment
 * say. Only a development run (not packaged, NODE_ENV not `production`) opens DevTools or loads
 * the renderer from the dev server named by `ELECTRON_RENDERER_URL`; a packaged app always
 * loads its own files over app:// and never trusts a URL from the environment.
 */
export interface DesktopEnvironment {
  /** Electron's `app.isPackaged`. */
  isPackaged: boolean;
  /** `process.env.NODE_ENV`. */
  nodeEnv: string | undefined;
  /** `process.env.ELECTRON_RENDERER_URL` (electron-vite's dev server). */
  rendererUrl: string | undefined;
}

export interface DesktopMode {
  development: boolean;
  devTools: boolean;
  /** The dev server to load the renderer from; null: the built files over app://. */
  rendererUrl: string | null;
  /** Why ELECTRON_RENDERER_URL was set but not used (for the log); null otherwise. */
  ignoredRendererUrl: string | null;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function desktopMode(env: DesktopEnvironment): DesktopMode {
  const development = !env.isPackaged && env.nodeEnv !== 'production';
  const given = env.rendererUrl === undefined || env.rendererUrl === '' ? null : env.rendererUrl;
  let rendererUrl: string | null = null;
  let ignoredRendererUrl: string | null = null;
  if (given !== null) {
    if (!development) {
      ignoredRendererUrl = `ELECTRON_RENDERER_URL is ignored outside development (${env.isPackaged ? 'packaged app' : 'NODE_ENV=production'})`;
    } else if (!isLoopbackHttpUrl(given)) {
      ignoredRendererUrl = `ELECTRON_RENDERER_URL is ignored: expected an http:// dev server on localhost or 127.0.0.1, got '${given}'`;
    } else {
      rendererUrl = given;
    }
  }
  return { development, devTools: development, rendererUrl, ignoredRendererUrl };
}

function isLoopbackHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname) && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
