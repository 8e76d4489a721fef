import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../host/csp';

/**
 * The workbench's own files are served over `app://flowbench/…` (not file://): a standard,
 * secure scheme with an origin of its own, so the CSP's 'self', the IPC sender check and the
 * navigation policy all name exactly the app, and nothing else on disk is reachable.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'flowbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** For `protocol.registerSchemesAsPrivileged`, before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: false, bypassCSP: false, allowServiceWorkers: false },
} as const;

export type AppPathResolution = { ok: true; path: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * The file under `rendererDir` an app:// URL names, or why none: another scheme or host
 * (404), a malformed escape or a NUL (400), a path that leaves the folder by `..`, an encoded
 * slash or backslash, or an absolute path (403). `/` is index.html. Pure: no disk access.
 */
export function resolveAppPath(rendererDir: string, requestUrl: string): AppPathResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404, reason: `not an ${APP_ORIGIN} URL` };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'malformed escape in the path' };
  }
  if (pathname.includes('\0')) return { ok: false, status: 400, reason: 'NUL in the path' };
  if (pathname.includes('\\')) return { ok: false, status: 403, reason: 'backslash in the path' };
  const segments = pathname.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { ok: false, status: 403, reason: 'the path leaves the app folder' };
  const relativePath = segments.length === 0 ? 'index.html' : segments.join(sep);
  if (isAbsolute(relativePath) || /^[A-Za-z]:/.test(relativePath)) return { ok: false, status: 403, reason: 'absolute path' };
  const root = resolve(rendererDir);
  const path = join(root, relativePath);
  const rel = relative(root, path);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return { ok: false, status: 403, reason: 'the path leaves the app folder' };
  return { ok: true, path };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/**
 * The `protocol.handle('app', …)` handler: serves the files of `rendererDir` (its real path;
 * a symlink inside that leads out is refused too) with the CSP, nothing else.
 */
export function createAppProtocolHandler(rendererDir: string): (request: { url: string; method?: string }) => Promise<Response> {
  const realRoot = realpath(rendererDir).catch(() => resolve(rendererDir));
  return async (request) => {
    if (request.method !== undefined && request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'only GET and HEAD');
    const root = await realRoot;
    const resolved = resolveAppPath(root, request.url);
    if (!resolved.ok) return refuse(resolved.status, resolved.reason);
    let real: string;
    try {
      real = await realpath(resolved.path);
      if (!(await stat(real)).isFile()) return refuse(404, 'not a file');
    } catch {
      return refuse(404, 'no such file');
    }
    const rel = relative(root, real);
    if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return refuse(403, 'the path leaves the app folder');
    const body = await readFile(real);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'Content-Type': CONTENT_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}

function refuse(status: number, reason: string): Response {
  return new Response(`${status}: ${reason}`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}
