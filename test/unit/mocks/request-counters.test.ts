import { describe, expect, it } from 'vitest';
import { RequestCounters } from '../../../mocks/core';

describe('RequestCounters', () => {
  it('numbers requests per session and route from 1', () => {
    const counters = new RequestCounters();
    expect([counters.next('a', 'r'), counters.next('a', 'r'), counters.next('a', 's'), counters.next('b', 'r'), counters.next('a', 'r')]).toEqual([1, 2, 1, 1, 3]);
  });

  it('forgets the least recently used session beyond its bound, however often the newest one repeats', () => {
    const counters = new RequestCounters(2);
    counters.next('a', 'r'); // sessions, oldest first: a
    counters.next('b', 'r'); // a b
    counters.next('a', 'r'); // b a (a used again)
    counters.next('a', 'r'); // b a (a is already the newest)
    counters.next('c', 'r'); // a c: b, the least recently used, is forgotten
    expect(counters.sessionCount).toBe(2);
    expect(counters.next('a', 'r')).toBe(4); // c a
    expect(counters.next('b', 'r')).toBe(1); // a b: b starts again; c is forgotten
    expect(counters.next('a', 'r')).toBe(5);
    expect(counters.next('c', 'r')).toBe(1);
  });

  it('starts a reset session again, also when it was the newest', () => {
    const counters = new RequestCounters();
    counters.next('a', 'r');
    counters.next('a', 'r');
    counters.reset('a');
    expect(counters.next('a', 'r')).toBe(1);
    counters.reset();
    expect(counters.sessionCount).toBe(0);
    expect(counters.next('a', 'r')).toBe(1);
  });
});
