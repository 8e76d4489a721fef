import { describe, expect, it } from 'vitest';
import { contract, eventContract, isEventName, isRouteName } from '../../../main/api/contract';
import { JournalFilter, MockJournalEntry, MockServerStatus } from '../../../main/api/routes/mocks';

const entry = {
  id: 1,
  time: '2026-11-24T10:00:00.000Z',
  t: 12.5,
  method: 'GET',
  path: '/orders/7',
  query: { q: 'x' },
  routeId: 'order_status',
  n: 1,
  session: 's',
  module: 'lookup',
  latencyMs: 800,
  fault: null,
  status: 200,
  bytes: 42,
  durationMs: 801.2,
  clientGaveUp: false,
  proxied: false,
  warnings: [],
};

describe('mocks API contract', () => {
  it('lists the mock server calls and the journal event', () => {
    for (const name of ['mocks.start', 'mocks.stop', 'mocks.status', 'mocks.patchRoute', 'mocks.journal', 'mocks.clearJournal']) {
      expect(isRouteName(name)).toBe(true);
    }
    expect(isEventName('mocks.journal')).toBe(true);
    expect(eventContract['mocks.journal'].payload.parse(entry)).toEqual(entry);
  });

  it('mocks.start takes exactly one of a file or an inline mocks value', () => {
    const input = contract['mocks.start'].input;
    expect(input.safeParse({ file: 'mocks/shop.mocks.yaml' }).success).toBe(true);
    expect(input.safeParse({ mocks: { format: 'flowbench.mocks/1', routes: [] }, port: 0, seed: 3 }).success).toBe(true);
    expect(input.safeParse({}).success).toBe(false);
    expect(input.safeParse({ file: 'a', mocks: { format: 'flowbench.mocks/1', routes: [] } }).success).toBe(false);
    const bad = input.safeParse({ mocks: { format: 'flowbench.mocks/1', routes: [{ id: 'a', path: 'x', responses: [] }] } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['mocks.routes.0.path', 'mocks.routes.0.responses']));
  });

  it('mocks.patchRoute checks the override like a scenario override', () => {
    const input = contract['mocks.patchRoute'].input;
    expect(input.safeParse({ routeId: 'a', override: { latency: { fixed: 5 } } }).success).toBe(true);
    expect(input.safeParse({ routeId: 'a', override: { latency: { fixed: -5 } } }).success).toBe(false);
    expect(input.safeParse({ routeId: 'a', override: { path: '/x' } }).success).toBe(false);
  });

  it('journal filters accept status codes or classes, ISO times and limits', () => {
    expect(JournalFilter.safeParse({ status: 503, since: '2026-11-24T10:00:00Z', limit: 10, after: 3 }).success).toBe(true);
    expect(JournalFilter.safeParse({ status: '5xx' }).success).toBe(true);
    expect(JournalFilter.safeParse({ status: '5x' }).success).toBe(false);
    expect(JournalFilter.safeParse({ limit: 0 }).success).toBe(false);
    expect(contract['mocks.journal'].input.parse(undefined)).toEqual({});
  });

  it('journal entries and status carry what the UI shows', () => {
    expect(MockJournalEntry.safeParse({ ...entry, fault: 'teleport' }).success).toBe(false);
    expect(MockJournalEntry.safeParse({ ...entry, status: null, fault: 'hang', clientGaveUp: true }).success).toBe(true);
    const stopped = { running: false, url: null, port: null, seed: null, file: null, config: null, routes: [], warnings: [], patches: {} };
    expect(MockServerStatus.parse(stopped)).toEqual(stopped);
  });
});
