import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeNames } from '../../../main/api/contract';
import { startBrowserServer } from '../../../main/host/browser-server';
import { errorOf, startLockedWorkbench } from './locked-workbench';
import type { LockedWorkbench } from './locked-workbench';

let wb: LockedWorkbench;
beforeAll(async () => {
  wb = await startLockedWorkbench();
});
afterAll(async () => {
  await wb.close();
});

/** A token of the same shape that is not this launch's. */
function wrongToken(token: string): string {
  return `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
}

describe('browser mode: the per-launch access token', () => {
  it('is in the printed URL, 256 random bits, new at each launch', async () => {
    // 32 bytes in base64url without padding: ceil(32 * 8 / 6) = 43 characters.
    expect(wb.server.url).toBe(`http://127.0.0.1:${wb.server.port}/?token=${wb.server.token}`);
    expect(wb.server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = await startBrowserServer({ host: wb.host, port: 0 });
    try {
      expect(other.token).not.toBe(wb.server.token);
      // The other launch's token does not open this one.
      expect((await wb.post('app.info', {}, other.token)).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('refuses every API call without it (401, a clear message, no data), and with a wrong one', async () => {
    expect(routeNames.length).toBeGreaterThan(50);
    for (const name of routeNames) {
      for (const token of [null, wrongToken(wb.server.token), '', wb.server.token.slice(0, 22)]) {
        const { status, body } = await wb.post(name, {}, token);
        expect({ name, token, status }).toEqual({ name, token, status: 401 });
        expect(Object.keys(body).sort()).toEqual(['error', 'ok']);
        const error = errorOf(body);
        expect(error.code).toBe('unauthorized');
        expect(error.message).toMatch(token === null || token === '' ? /carries no access token/ : /carries a wrong access token/);
        expect(error.message).toContain(`http://127.0.0.1:${wb.server.port}/?token=…`);
      }
    }
  });

  it('answers with the token in the Authorization header only (not in the query of a call)', async () => {
    expect(await wb.post('app.info', {})).toMatchObject({ status: 200, body: { ok: true, value: { mode: 'browser' } } });
    const lower = await fetch(`${wb.server.origin}/api/call/app.info`, { method: 'POST', headers: { authorization: `bearer ${wb.server.token}` }, body: '{}' });
    expect(lower.status).toBe(200);
    const inQuery = await fetch(`${wb.server.origin}/api/call/app.info?token=${wb.server.token}`, { method: 'POST', body: '{}' });
    expect(inQuery.status).toBe(401);
    expect(inQuery.headers.get('www-authenticate')).toBe('Bearer realm="flowbench"');
  });

  it('checks the token before reading the body: a refused call writes nothing', async () => {
    const target = join(wb.dataDir, 'export-here');
    const refused = await wb.post('library.export', { dir: target }, null);
    expect(refused.status).toBe(401);
    expect(existsSync(target)).toBe(false);
    const malformed = await fetch(`${wb.server.origin}/api/call/app.info`, { method: 'POST', body: '{not json' });
    expect(malformed.status).toBe(401);
    // Unknown API paths say nothing either without the token.
    expect((await fetch(`${wb.server.origin}/api/nothing-here`)).status).toBe(401);
    expect(readdirSync(wb.dataDir)).not.toContain('export-here');
  });

  it('guards the event stream: no token or a wrong one is 401; ?token= (or the header) opens it', async () => {
    for (const query of ['', `?token=${wrongToken(wb.server.token)}`, '?token=']) {
      const refused = await fetch(`${wb.server.origin}/api/events${query}`);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('content-type')).toContain('application/json');
      expect(errorOf((await refused.json()) as never).code).toBe('unauthorized');
    }
    for (const init of [{ url: `/api/events?token=${wb.server.token}`, headers: {} }, { url: '/api/events', headers: { authorization: `Bearer ${wb.server.token}` } }]) {
      const controller = new AbortController();
      const response = await fetch(`${wb.server.origin}${init.url}`, { headers: init.headers, signal: controller.signal });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const reader = response.body!.getReader();
      await reader.read(); // ": connected"
      wb.host.events.emit('host.notice', { level: 'info', message: 'hello' });
      let text = '';
      while (!text.includes('\n\n')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      controller.abort();
      expect(text).toBe('event: host.notice\ndata: {"level":"info","message":"hello"}\n\n');
    }
  });

  it('keeps the Host and Origin checks: the right token from a foreign origin or host is still 403', async () => {
    const foreign = await fetch(`${wb.server.origin}/api/call/app.info`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', authorization: `Bearer ${wb.server.token}` },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    expect(errorOf((await foreign.json()) as never).code).toBe('forbidden');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: wb.server.port, path: '/api/call/app.info', method: 'POST', headers: { host: `rebound.example:${wb.server.port}`, authorization: `Bearer ${wb.server.token}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('serves the page itself without the token (it holds no data) and refuses a token shorter than 128 bits', async () => {
    const page = await fetch(`${wb.server.origin}/`);
    expect(page.status).toBe(503); // the UI is not built in this test: the page says so, the API stays shut
    await expect(startBrowserServer({ host: wb.host, port: 0, token: 'short' })).rejects.toThrow(/at least 128 bits/);
  });
});
