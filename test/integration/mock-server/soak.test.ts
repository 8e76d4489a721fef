import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';
import type { FaultKind } from '../../../mocks/core';
import { startMockServer } from '../../../mocks/server';
import { eventually, json, send } from './http-exchange';
import { mocksFile } from './mock-fixture';

const TOTAL = 100_000;
/** Enough for V8 to size its heap under this load before the baseline reading. */
const WARMUP = 20_000;
const CONCURRENCY = 64;
/** Four kinds at 2.6 % each: about 10 % of requests get a fault. */
const RATE = 0.026;

/** A full GC before each memory reading, so RSS growth means retained memory, not garbage. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

type Outcome = 'ok' | 'status' | 'malformed' | 'dropped' | 'wrong';

describe('soak', () => {
  it(
    `${TOTAL.toLocaleString('en')} requests with ~10 % random faults: bounded time, still correct, no leaked sockets, bounded memory`,
    async () => {
      const server = await startMockServer({
        mocks: mocksFile(
          [
            {
              id: 'orders',
              path: '/orders/:id',
              faults: [
                { kind: 'status', status: 503, rate: RATE },
                { kind: 'reset', rate: RATE },
                { kind: 'empty', rate: RATE },
                { kind: 'malformed', rate: RATE },
              ],
              responses: [{ body: { id: '{{params.id}}', state: 'shipped' } }],
            },
          ],
          11,
        ),
        journalSize: 2000,
      });
      const journaled = new Map<FaultKind | 'none', number>();
      server.onJournal((e) => journaled.set(e.fault ?? 'none', (journaled.get(e.fault ?? 'none') ?? 0) + 1));
      const pool = new Pool(server.url, { connections: CONCURRENCY, pipelining: 1, keepAliveTimeout: 10_000 });
      const outcomes = new Map<Outcome, number>();

      const one = async (i: number): Promise<void> => {
        let outcome: Outcome;
        try {
          // One session: its request numbers run 1…105,000, so the seeded fault draws are all distinct.
          const res = await pool.request({ path: `/orders/${i}`, method: 'GET', headers: { 'x-flowbench-module': 'soak' } });
          const text = await res.body.text();
          if (res.statusCode === 503) outcome = 'status';
          else if (res.statusCode !== 200) outcome = 'wrong';
          else {
            try {
              const body = JSON.parse(text) as { id?: string };
              outcome = body.id === String(i) ? 'ok' : 'wrong';
            } catch {
              outcome = 'malformed';
            }
          }
        } catch {
          outcome = 'dropped';
        }
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      };
      const run = async (from: number, count: number): Promise<void> => {
        let next = from;
        const end = from + count;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next < end) await one(next++);
          }),
        );
      };

      await run(0, WARMUP);
      collectGarbage();
      const rssBefore = process.memoryUsage().rss;
      const started = performance.now();
      await run(WARMUP, TOTAL);
      const seconds = (performance.now() - started) / 1000;
      await pool.close();
      collectGarbage();
      const rssAfter = process.memoryUsage().rss;

      const total = WARMUP + TOTAL;
      const count = (o: Outcome): number => outcomes.get(o) ?? 0;
      console.log(
        `soak: ${TOTAL} requests in ${seconds.toFixed(1)} s (${Math.round(TOTAL / seconds)} req/s); outcomes ${JSON.stringify(Object.fromEntries(outcomes))}; ` +
          `RSS ${Math.round(rssBefore / 2 ** 20)} → ${Math.round(rssAfter / 2 ** 20)} MB`,
      );
      expect(seconds).toBeLessThan(60);
      expect(count('wrong')).toBe(0);
      expect(count('ok') + count('status') + count('malformed') + count('dropped')).toBe(total);
      const faulted = (count('status') + count('malformed') + count('dropped')) / total;
      expect(faulted).toBeGreaterThan(0.08);
      expect(faulted).toBeLessThan(0.12);

      // Every request is journaled, with the fault the client saw.
      await eventually(() => server.journal.total === total, 10_000);
      expect(journaled.get('status')).toBe(count('status'));
      expect(journaled.get('malformed')).toBe(count('malformed'));
      expect((journaled.get('reset') ?? 0) + (journaled.get('empty') ?? 0)).toBe(count('dropped'));
      expect(server.journal.size).toBe(2000);

      // No leaked sockets once the clients are gone, and the server still answers correctly.
      await eventually(async () => (await server.connections()) === 0, 5_000);
      expect(rssAfter - rssBefore).toBeLessThan(50 * 2 ** 20);
      server.replaceConfig(mocksFile([{ id: 'orders', path: '/orders/:id', responses: [{ body: { id: '{{params.id}}' } }] }]));
      expect(json(await send(`${server.url}/orders/after`))).toEqual({ id: 'after' });
      await server.close();
    },
    120_000,
  );
});
