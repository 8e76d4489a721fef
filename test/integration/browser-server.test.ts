import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserServer } from '../../main/host/browser-server';
import type { BrowserServer } from '../../main/host/browser-server';
import { createHost } from '../../main/host/host';
import type { Host } from '../../main/host/host';
import { examplesDir, repoRoot } from '../support/paths';

let host: Host;
let server: BrowserServer;

beforeEach(async () => {
  host = createHost({ mode: 'browser', appRoot: repoRoot, name: 'flowbench', version: '0.0.1-test', dataDir: '/tmp/fb', examplesDir });
  server = await startBrowserServer({ host, port: 0 });
});
afterEach(async () => {
  await server.close();
});

async function call(name: string, body: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(new URL(`/api/call/${name}`, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body,
  });
  return { status: response.status, json: await response.json() };
}

describe('browser-mode server (real HTTP on 127.0.0.1)', () => {
  it('binds 127.0.0.1 on a free port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(server.port).toBeGreaterThan(0);
  });

  it('answers app.info', async () => {
    const { status, json } = await call('app.info', '{}');
    expect(status).toBe(200);
    expect(json).toMatchObject({ ok: true, value: { name: 'flowbench', version: '0.0.1-test', mode: 'browser' } });
  });

  it('lists the example files with their format and name', async () => {
    const { json } = await call('examples.list', '{"kind":"flow"}');
    expect(json).toMatchObject({ ok: true });
    const files = (json as { value: { files: { path: string; format: string; name: string }[] } }).value.files;
    expect(files.map((f) => f.path)).toEqual([
      'flows/order-keypad.flow.yaml',
      'flows/order-status-blocking.flow.yaml',
      'flows/order-status.flow.yaml',
      'flows/refund-chat.flow.yaml',
      'flows/status-polling.flow.yaml',
    ]);
    expect(files[2]).toMatchObject({ format: 'flowbench.flow/1', name: 'Order status (voice, async + await)' });
  });

  it('gives 400 with the zod issue path for a bad input, and keeps serving', async () => {
    const bad = await call('examples.list', '{"kind":"spaceship"}');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'kind' }] } });
    const malformed = await call('app.info', '{not json');
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect((await call('app.info', '{}')).status).toBe(200);
  });

  it('gives 404 for an unknown call', async () => {
    const { status, json } = await call('app.selfDestruct', '{}');
    expect(status).toBe(404);
    expect(json).toMatchObject({ ok: false, error: { code: 'unknown_route' } });
  });

  it('refuses a request for another Host (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: '/api/call/app.info', method: 'POST', headers: { host: 'attacker.example', 'content-type': 'application/json', authorization: `Bearer ${server.token}` } },
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

  it('pushes host events over server-sent events', async () => {
    const controller = new AbortController();
    const response = await fetch(new URL(`/api/events?token=${server.token}`, server.url), { signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    await reader.read(); // the ": connected" comment
    host.events.emit('host.notice', { level: 'warning', message: 'mock server stopped' });
    while (!text.includes('\n\n')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toBe('event: host.notice\ndata: {"level":"warning","message":"mock server stopped"}\n\n');
  });
});
