import { describe, expect, it } from 'vitest';
import type { MockJournalEntry } from '../../../main/api/routes/mocks';
import { Journal } from '../../../mocks/server';
import { parseJournalQuery } from '../../../mocks/server/journal-query';

function entry(over: Partial<MockJournalEntry> = {}): Omit<MockJournalEntry, 'id'> {
  return {
    time: '2026-11-24T10:00:00.000Z',
    t: 0,
    method: 'GET',
    path: '/x',
    query: {},
    routeId: 'r',
    n: 1,
    session: null,
    module: null,
    latencyMs: 0,
    fault: null,
    status: 200,
    bytes: 2,
    durationMs: 1,
    clientGaveUp: false,
    proxied: false,
    warnings: [],
    ...over,
  };
}

describe('journal ring buffer', () => {
  it('keeps the latest entries, oldest first, with growing ids', () => {
    const j = new Journal(3);
    for (let i = 0; i < 5; i++) j.add(entry({ path: `/p${i}` }));
    expect(j.entries().map((e) => e.path)).toEqual(['/p2', '/p3', '/p4']);
    expect(j.entries().map((e) => e.id)).toEqual([3, 4, 5]);
    expect(j.size).toBe(3);
    expect(j.total).toBe(5);
  });

  it('filters by route, session, status (exact or class), time and id, and limits to the latest', () => {
    const j = new Journal(100);
    j.add(entry({ routeId: 'a', session: 's1', status: 200, time: '2026-11-24T10:00:00.000Z' }));
    j.add(entry({ routeId: 'b', session: 's1', status: 503, time: '2026-11-24T10:00:01.000Z' }));
    j.add(entry({ routeId: 'a', session: 's2', status: 504, time: '2026-11-24T10:00:02.000Z' }));
    j.add(entry({ routeId: 'a', session: 's2', status: null, fault: 'reset', time: '2026-11-24T10:00:03.000Z' }));
    expect(j.query({ route: 'a' }).map((e) => e.id)).toEqual([1, 3, 4]);
    expect(j.query({ session: 's1' }).map((e) => e.id)).toEqual([1, 2]);
    expect(j.query({ status: 503 }).map((e) => e.id)).toEqual([2]);
    expect(j.query({ status: '5xx' }).map((e) => e.id)).toEqual([2, 3]);
    expect(j.query({ since: '2026-11-24T10:00:02.000Z' }).map((e) => e.id)).toEqual([3, 4]);
    expect(j.query({ after: 2 }).map((e) => e.id)).toEqual([3, 4]);
    expect(j.query({ route: 'a', limit: 2 }).map((e) => e.id)).toEqual([3, 4]);
  });

  it('clears, tells listeners, and survives a throwing listener', () => {
    const j = new Journal(10);
    const seen: number[] = [];
    j.subscribe(() => {
      throw new Error('broken subscriber');
    });
    const off = j.subscribe((e) => seen.push(e.id));
    j.add(entry());
    off();
    j.add(entry());
    expect(seen).toEqual([1]);
    expect(j.clear()).toBe(2);
    expect(j.entries()).toEqual([]);
    expect(j.add(entry()).id).toBe(3);
  });

  it('refuses a size below 1', () => {
    expect(() => new Journal(0)).toThrow(RangeError);
  });
});

describe('journal query string', () => {
  it('reads numbers and status classes', () => {
    expect(parseJournalQuery({ route: 'a', status: '503', limit: '10', after: '4' })).toEqual({
      filter: { route: 'a', status: 503, limit: 10, after: 4 },
    });
    expect(parseJournalQuery({ status: '5xx' })).toEqual({ filter: { status: '5xx' } });
  });

  it('names the parameter that is wrong', () => {
    const result = parseJournalQuery({ limit: 'lots', since: 'yesterday', colour: 'red' });
    expect('issues' in result && result.issues.map((i) => i.path).sort()).toEqual(['colour', 'limit', 'since']);
  });
});
