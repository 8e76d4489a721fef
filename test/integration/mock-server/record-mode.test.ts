import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileLoader } from '../../../main/formats/file-loader';
import { startMockServer } from '../../../mocks/server';
import { eventually, expectAnswer, json, send } from './http-exchange';
import { mocksFile } from './mock-fixture';

/** A second Express app standing in for the real API. */
async function startRealApi(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const app = express();
  const hits: string[] = [];
  let n = 0;
  app.use(express.json());
  app.get('/orders/:id', (req, res) => {
    hits.push(req.originalUrl);
    n++;
    setTimeout(() => res.json({ id: req.params.id, state: n === 1 ? 'packed' : 'shipped' }), n === 1 ? 120 : 40);
  });
  app.post('/refunds', (req, res) => {
    hits.push(req.originalUrl);
    res.status(201).json({ refund: 'R-1', order: (req.body as { order?: string }).order ?? null });
  });
  app.get('/health', (req, res) => {
    hits.push(req.originalUrl);
    res.type('text/plain').send('ok');
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'flowbench-record-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('record mode', () => {
  it('proxies unmatched requests, records them, and writes a valid mocks file that replays them', async () => {
    const api = await startRealApi();
    const out = join(dir, 'recorded.mocks.yaml');
    const served = mocksFile([{ id: 'local', path: '/local', responses: [{ body: 'mine' }] }]);
    const server = await startMockServer({ mocks: served, record: { target: api.url, out } });
    let firstMs = 0;
    try {
      expect(json(await send(`${server.url}/local`))).toBe('mine');
      const first = expectAnswer(await send(`${server.url}/orders/5`));
      expect(JSON.parse(first.text)).toEqual({ id: '5', state: 'packed' });
      expect(first.ms).toBeGreaterThanOrEqual(119);
      firstMs = first.ms;
      expect(json(await send(`${server.url}/orders/5`))).toEqual({ id: '5', state: 'shipped' });
      const refund = expectAnswer(await send(`${server.url}/refunds`, { method: 'POST', body: JSON.stringify({ order: '5' }) }));
      expect(refund.status).toBe(201);
      expect(JSON.parse(refund.text)).toEqual({ refund: 'R-1', order: '5' });
      expect(expectAnswer(await send(`${server.url}/health`)).text).toBe('ok');
      expect(api.hits).toEqual(['/orders/5', '/orders/5', '/refunds', '/health']);
      await eventually(() => server.journal.total === 5);
      expect(server.journal.entries().map((e) => [e.routeId, e.proxied])).toEqual([
        ['local', false],
        ['get_orders_5', true],
        ['get_orders_5', true],
        ['post_refunds', true],
        ['get_health', true],
      ]);
    } finally {
      await server.close();
      await api.close();
    }

    const text = readFileSync(out, 'utf8');
    expect(text).toContain('format: flowbench.mocks/1');
    const loaded = await new FileLoader(dir).loadMocks(out);
    expect(loaded.routes.map((r) => r.id)).toEqual(['local', 'get_orders_5', 'post_refunds', 'get_health']);
    const orders = loaded.routes[1];
    expect(orders?.pick).toBe('sequence');
    expect(orders?.responses.map((r) => r.body)).toEqual([
      { id: '5', state: 'packed' },
      { id: '5', state: 'shipped' },
    ]);
    const latencies = orders !== undefined && 'sequence' in orders.latency ? orders.latency.sequence : [];
    expect(latencies).toHaveLength(2);
    // What the real API took (120 ms), never more than the client saw end to end (a loaded
    // machine may add any delay to both, never take it away).
    expect(latencies[0]).toBeGreaterThanOrEqual(119);
    expect(latencies[0]).toBeLessThanOrEqual(Math.ceil(firstMs));
    expect(latencies[1]).toBeGreaterThanOrEqual(39);

    // Replay: the recorded file alone answers like the real API did, with its latencies.
    const replay = await startMockServer({ mocks: loaded });
    try {
      const again = expectAnswer(await send(`${replay.url}/orders/5`));
      expect(JSON.parse(again.text)).toEqual({ id: '5', state: 'packed' });
      expect(again.ms).toBeGreaterThanOrEqual((latencies[0] ?? 0) - 1);
      expect(json(await send(`${replay.url}/orders/5`))).toEqual({ id: '5', state: 'shipped' });
      expect(expectAnswer(await send(`${replay.url}/refunds`, { method: 'POST' })).status).toBe(201);
      const health = expectAnswer(await send(`${replay.url}/health`));
      expect(health.text).toBe('ok');
      expect(health.headers['content-type']).toContain('text/plain');
    } finally {
      await replay.close();
    }
  });

  it('answers 502 when the target is down, and records nothing', async () => {
    const api = await startRealApi();
    await api.close();
    const out = join(dir, 'down.mocks.yaml');
    const server = await startMockServer({ mocks: mocksFile([]), record: { target: api.url, out } });
    try {
      const answer = expectAnswer(await send(`${server.url}/orders/1`));
      expect(answer.status).toBe(502);
      expect(JSON.parse(answer.text)).toMatchObject({ error: 'proxy_failed' });
    } finally {
      await server.close();
    }
    expect((await new FileLoader(dir).loadMocks(out)).routes).toEqual([]);
  });
});
