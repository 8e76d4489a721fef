import { describe, expect, it } from 'vitest';
import { EndpointRequests } from '../../../main/analysis/endpoint-requests';
import { fitLatencies } from '../../../main/analysis/fit-latencies';
import { harLatencies } from '../../../main/analysis/har-latencies';
import { journalLatencies } from '../../../main/analysis/journal-latencies';
import { journalUrl } from '../../../main/analysis/journal-fetch';
import { sessionLatencies } from '../../../main/analysis/session-latencies';
import type { Endpoint } from '../../../main/api/formats/flow';
import type { Exchange, SessionFile } from '../../../main/api/formats/session';
import type { MockJournalEntry } from '../../../main/api/routes/mocks';
import { FileLoader } from '../../../main/formats/file-loader';
import { sessionToHar } from '../../../main/sessions/har-export';
import { examplesDir } from '../../support/paths';

const flow = async () => (await new FileLoader(examplesDir).loadFlow('flows/order-status.flow.yaml'));
const orderStatus = async (): Promise<Endpoint> => {
  const found = (await flow()).endpoints.find((e) => e.id === 'order_status');
  if (!found) throw new Error('no order_status');
  return found;
};

const request = { method: 'GET' as const, url: '/orders/12345', headers: {}, body: null };
const exchange = (endpoint: string, sentAt: number, outcome: Exchange['outcome']): Exchange => ({ endpoint, module: 'lookup', sentAt, request, outcome });
const session = (exchanges: Exchange[], over: Partial<SessionFile> = {}): SessionFile => ({
  format: 'flowbench.session/1',
  id: 's1',
  startedAt: '2026-11-24T10:00:00.000Z',
  flow: { name: 'Order status (voice, async + await)', sha256: 'x' },
  clock: 'real',
  seed: 1,
  user: [],
  exchanges,
  trace: [],
  ...over,
});

describe('observed latencies of an endpoint', () => {
  it('matches requests to the endpoint by method and URL template', async () => {
    const requests = new EndpointRequests(await orderStatus()); // GET /orders/{{order_id}}
    expect(requests.matches('GET', 'http://127.0.0.1:4010/orders/12345')).toBe(true);
    expect(requests.matches('get', '/orders/12345?full=1')).toBe(true);
    expect(requests.matches('GET', '/orders/')).toBe(false); // a placeholder stands for at least one character
    expect(requests.matches('GET', '/orders/1/items')).toBe(false);
    expect(requests.matches('POST', '/orders/1')).toBe(false);
    const absolute = new EndpointRequests({ ...(await orderStatus()), url: 'https://api.shop.test/v1/orders/{{order_id}}' });
    expect(absolute.matches('GET', 'https://api.shop.test/v1/orders/7')).toBe(true);
    expect(absolute.matches('GET', 'https://other.test/v1/orders/7')).toBe(false);
  });

  it('reads recorded sessions: answers observed, timeouts and resets censored, other flows and virtual sessions left out', () => {
    const recorded = session([
      exchange('order_status', 3200, { status: 200, headers: {}, body: {}, arrivedAt: 4012 }), // 812
      exchange('order_status', 10_000, { status: 503, headers: {}, body: null, arrivedAt: 10_150 }), // 150: an answer, whatever the status
      exchange('order_status', 20_000, { error: 'timeout', at: 25_000 }), // > 5000
      exchange('order_status', 30_000, { error: 'reset', at: 30_040 }), // > 40
      exchange('order_status', 40_000, { error: 'malformed', at: 40_300, status: 200 }), // a body came: 300
      exchange('create_refund', 50_000, { status: 201, headers: {}, body: {}, arrivedAt: 50_200 }),
    ]);
    const other = session([exchange('order_status', 0, { status: 200, headers: {}, body: {}, arrivedAt: 10 })], { id: 's2', flow: { name: 'Another flow', sha256: 'y' } });
    const replayed = session([exchange('order_status', 0, { status: 200, headers: {}, body: {}, arrivedAt: 20 })], { id: 's3', clock: 'virtual' });
    const set = sessionLatencies([recorded, other, replayed], 'order_status', 'Order status (voice, async + await)');
    expect(set.observations).toEqual([
      { ms: 812, censored: false },
      { ms: 150, censored: false },
      { ms: 5000, censored: true },
      { ms: 40, censored: true },
      { ms: 300, censored: false },
    ]);
    expect(set.skipped).toBe(3);
    expect(set.source).toBe('1 recorded real-clock session of flow "Order status (voice, async + await)"');
  });

  it('reads a HAR file: flowbench\'s own export (tagged by endpoint) and entries matched by URL; no response = censored', async () => {
    const recorded = session([
      exchange('order_status', 3200, { status: 200, headers: {}, body: { state: 'shipped' }, arrivedAt: 4012 }),
      exchange('order_status', 20_000, { error: 'timeout', at: 25_000 }),
      exchange('create_refund', 50_000, { status: 201, headers: {}, body: {}, arrivedAt: 50_200 }),
    ]);
    const har = sessionToHar(recorded, '1.0.0', 'http://127.0.0.1:4010');
    // A browser's entry (no _flowbench) for the same endpoint, and one for another path.
    const [first] = har.log.entries;
    if (!first) throw new Error('no entry');
    const { _flowbench: _tag, ...plain } = first;
    const foreign = { ...plain, time: 640, request: { ...plain.request, url: 'http://127.0.0.1:4010/orders/77' } };
    const unrelated = { ...plain, time: 99, request: { ...plain.request, url: 'http://127.0.0.1:4010/health' } };
    const endpoint = await orderStatus();
    const set = harLatencies({ log: { ...har.log, entries: [...har.log.entries, foreign, unrelated] } }, endpoint, 'trace.har');
    expect(set.observations).toEqual([
      { ms: 812, censored: false },
      { ms: 5000, censored: true }, // status 0, `_error: timeout`
      { ms: 640, censored: false },
    ]);
    expect(set.skipped).toBe(2);
    expect(() => harLatencies({ log: {} }, endpoint, 'x.har')).toThrow(/^x\.har is not a HAR 1\.2 file: /);
  });

  it("reads a mock server's journal: by the sending module, else by path; a client that gave up is censored", async () => {
    const entry = (over: Partial<MockJournalEntry>): MockJournalEntry => ({
      id: 1, time: '2026-01-01T00:00:00.000Z', t: 0, method: 'GET', path: '/orders/1', query: {}, routeId: 'order_status', n: 1, session: null, module: null,
      latencyMs: 700, fault: null, status: 200, bytes: 10, durationMs: 703, clientGaveUp: false, proxied: false, warnings: [], ...over,
    });
    const set = journalLatencies(
      [
        entry({ module: 'lookup', latencyMs: 812, durationMs: 815 }), // sent by the flow's api_async of order_status
        entry({ module: 'lookup', latencyMs: 9000, status: null, durationMs: 5002, clientGaveUp: true }), // the bot gave up at its deadline
        entry({ module: null, latencyMs: 450 }), // no module header: matched by GET /orders/:id
        entry({ module: null, fault: 'hang', status: null, latencyMs: 100, durationMs: 5001, clientGaveUp: true }),
        entry({ module: null, method: 'POST', path: '/refunds', latencyMs: 200 }),
      ],
      await flow(),
      await orderStatus(),
      'the journal of http://127.0.0.1:4010',
    );
    expect(set.observations).toEqual([
      { ms: 812, censored: false },
      { ms: 5002, censored: true },
      { ms: 450, censored: false },
      { ms: 5001, censored: true },
    ]);
    expect(set.skipped).toBe(1);
  });

  it('gives the journal address of a mock server', () => {
    expect(journalUrl('http://127.0.0.1:4010').href).toBe('http://127.0.0.1:4010/__flowbench/journal?limit=100000');
    expect(journalUrl('http://127.0.0.1:4010/__flowbench/journal?route=x').href).toBe('http://127.0.0.1:4010/__flowbench/journal?route=x&limit=100000');
    expect(() => journalUrl('ftp://x')).toThrow("'ftp://x' is not an http(s) URL");
  });

  it('fits what it found, and says so when the source has nothing for the endpoint', () => {
    const fit = fitLatencies({ source: 'HAR file t.har', observations: [100, 1000, 10_000].map((ms) => ({ ms, censored: false })), skipped: 4 }, 'order_status');
    // Median 1000, p99 79,333 ms (worked out in lognormal-fit.test.ts), as a model to 0.1 ms.
    expect(fit.model).toEqual({ lognormal: { medianMs: 1000, p99Ms: 79_333.2 } });
    expect(fit.skipped).toBe(4);
    expect(() => fitLatencies({ source: 'HAR file t.har', observations: [], skipped: 4 }, 'order_status')).toThrow("no request of endpoint 'order_status' in HAR file t.har (4 other requests)");
  });
});
