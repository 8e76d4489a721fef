import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TaskPriority } from '../../../main/engine/clock';
import { FileLoader } from '../../../main/formats/file-loader';
import { RealClock } from '../../../main/realtime/real-clock';
import { evaluateChecks } from '../../../main/scenario/checks';
import { runScenario } from '../../../main/scenario/run-scenario';
import { defaultTimingTolerance, judgeTiming } from '../../../main/scenario/timing-tolerance';
import { examplesDir } from '../../support/paths';

describe('timing tolerance of real-clock runs', () => {
  it('defaults to 100 ms of wall time, in conversation ms at the time scale', () => {
    expect(defaultTimingTolerance(1)).toBe(100);
    expect(defaultTimingTolerance(0.25)).toBe(400); // 100 / 0.25
    expect(defaultTimingTolerance(0.3)).toBe(334); // 333.3…, rounded up
  });

  it('passes a duration up to the tolerance over its limit, and says so', () => {
    expect(judgeTiming(42, 0, 0)).toEqual({ ok: false, note: '' });
    expect(judgeTiming(42, 0, 400)).toEqual({ ok: true, note: ' — 42 ms over, within the real-clock tolerance of 400 ms' });
    expect(judgeTiming(401, 0, 400)).toEqual({ ok: false, note: ' — 401 ms over, beyond the real-clock tolerance of 400 ms' });
    expect(judgeTiming(2800, 2800, 400).ok).toBe(true);
  });

  it('applies to maxDeadAirMs, never to ports', async () => {
    const [, slow] = await new FileLoader(examplesDir).loadScenarios(join(examplesDir, 'scenarios', 'order-status.scenario.yaml'));
    // "slow API": hold speaks 3200–5200, the answer (sent 3200, 4800 ms) arrives at 8000 and
    // tell speaks from 8000: dead air 5200–8000 = 2800 ms.
    const run = runScenario(slow!);
    const result = { endState: run.endState, endReason: run.endReason, trace: run.trace, contexts: run.contexts, virtualMs: run.virtualMs };
    const checks = (tolerance: number) =>
      evaluateChecks([{ maxDeadAirMs: 2500 }, { port: { module: 'check', is: 'success', nth: 1 } }], result, { timingToleranceMs: tolerance });
    expect(checks(0).map((c) => c.ok)).toEqual([false, false]);
    expect(checks(299)[0]).toMatchObject({ ok: false, message: 'longest dead air 2800 ms (5200–8000 ms), limit 2500 ms — 300 ms over, beyond the real-clock tolerance of 299 ms' });
    expect(checks(300)[0]).toMatchObject({ ok: true, message: 'longest dead air 2800 ms (5200–8000 ms), limit 2500 ms — 300 ms over, within the real-clock tolerance of 300 ms' });
    // check #1 left by waiting: no tolerance makes that a success.
    expect(checks(100_000)[1]?.ok).toBe(false);
  });
});

describe('the real clock measures how late its timers fire', () => {
  it('a timer held up by a busy event loop shows as drift', async () => {
    const clock = new RealClock(1);
    const ran = new Promise<number>((resolve) => clock.schedule(20, TaskPriority.timer, () => resolve(clock.now())));
    // Keep the event loop busy for 150 ms: the 20 ms timer cannot fire before then.
    const until = performance.now() + 150;
    while (performance.now() < until) {
      /* busy */
    }
    const at = await ran;
    clock.dispose();
    expect(at).toBeGreaterThanOrEqual(150);
    expect(clock.drift().timers).toBe(1);
    // Due at 20, run at 150 or later: at least 130 ms late (the task read the clock a moment after the timer did).
    const { maxLateMs, meanLateMs } = clock.drift();
    expect(maxLateMs).toBeGreaterThanOrEqual(130);
    expect(maxLateMs).toBeLessThanOrEqual(at - 20);
    expect(meanLateMs).toBe(maxLateMs);
  });
});
