import { describe, expect, it } from 'vitest';
import { Fault } from '../../../main/api/formats/mocks';
import { pickFault, requestDraws } from '../../../mocks/core';

const faults = (...raw: unknown[]): Fault[] => raw.map((f) => Fault.parse(f));

describe('fault choice', () => {
  it('hits exactly the nth requests listed', () => {
    const list = faults({ kind: 'reset', nth: [3, 5] });
    const hits = Array.from({ length: 8 }, (_, i) => pickFault(list, i + 1, requestDraws(1, 'r', i + 1))?.kind ?? null);
    expect(hits).toEqual([null, null, 'reset', null, 'reset', null, null, null]);
  });

  it('hits about `rate` of the requests, reproducibly', () => {
    const list = faults({ kind: 'status', status: 503, rate: 0.1 });
    const run = (seed: number): number[] =>
      Array.from({ length: 20_000 }, (_, i) => i + 1).filter((n) => pickFault(list, n, requestDraws(seed, 'r', n)) !== null);
    const hits = run(9);
    expect(hits.length / 20_000).toBeGreaterThan(0.09);
    expect(hits.length / 20_000).toBeLessThan(0.11);
    expect(run(9)).toEqual(hits);
    expect(run(10)).not.toEqual(hits);
  });

  it('takes the first fault that hits', () => {
    const list = faults({ kind: 'hang', nth: [2] }, { kind: 'empty', rate: 1 });
    expect(pickFault(list, 1, requestDraws(1, 'r', 1))?.kind).toBe('empty');
    expect(pickFault(list, 2, requestDraws(1, 'r', 2))?.kind).toBe('hang');
  });

  it('rate 0 never hits, rate 1 always does', () => {
    for (let n = 1; n < 200; n++) {
      expect(pickFault(faults({ kind: 'empty', rate: 0 }), n, requestDraws(3, 'r', n))).toBeNull();
      expect(pickFault(faults({ kind: 'empty', rate: 1 }), n, requestDraws(3, 'r', n))?.kind).toBe('empty');
    }
  });
});
