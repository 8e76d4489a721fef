import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../../support/scenario-builder';
import { withCode } from '../../support/code-flow';

/**
 * SPEC §3 / §7.2: the same flow, mocks and seed give the same trace byte for byte, with
 * `Math.random` and `Date` used inside a lambda and both hooks, and seeded mock latencies.
 */
describe('determinism with code (fast-check)', () => {
  it('the same seed gives a byte-identical trace, however other runs interleave', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed, other) => {
        const first = JSON.stringify(run(withCode(seed)).trace);
        run(withCode(other)); // draws for another seed in between change nothing
        const again = JSON.stringify(run(withCode(seed)).trace);
        expect(again).toBe(first);
      }),
      { numRuns: 100 },
    );
  });

  it('different seeds give different draws inside the code', () => {
    const draws = new Set(Array.from({ length: 20 }, (_, seed) => run(withCode(seed)).contexts['r']));
    expect(draws.size).toBe(20);
  });
});
