import { cpuUsage } from 'node:process';
import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../renderer/src/timeline/layout';
import { syntheticTrace } from '../../renderer/fixtures/synthetic-trace';

/*
 * The timeline's layout is a pure function of the trace (renderer/src/timeline/layout). Its
 * speed is measured in CPU time, not wall time: on a loaded machine the process waits for a
 * core, the work stays the same (node:process, hence here and not in the happy-dom tests).
 */
describe('buildTimeline on a long trace', () => {
  it('lays out 10,000 events quickly', () => {
    const trace = syntheticTrace(10_000);
    // Best of three, once the JIT has warmed up. About 15–40 ms of CPU here: 250 ms leaves a
    // wide margin and still fails a layout that went quadratic (10,000² steps). The budget of
    // the whole drawing (< 500 ms) is measured by `npm run bench` (bench/ui).
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run++) {
      const before = cpuUsage();
      const big = buildTimeline(trace);
      const used = cpuUsage(before);
      expect(big.eventCount).toBe(10_000);
      best = Math.min(best, (used.user + used.system) / 1000);
    }
    expect(best).toBeLessThan(250);
  });
});
