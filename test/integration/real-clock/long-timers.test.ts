import { afterEach, describe, expect, it, vi } from 'vitest';
import { TaskPriority } from '../../../main/engine/clock';
import { MAX_TIMER_DELAY_MS, RealClock } from '../../../main/realtime/real-clock';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('real clock: long waits', () => {
  it('never hands setTimeout 2^31 ms or more (Node would fire it after 1 ms), and runs near tasks on time', async () => {
    const delays: number[] = [];
    const real = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      return real(fn, ms);
    }) as typeof setTimeout);
    // 24 h at time scale 100: 8.64e9 ms of wall time.
    const clock = new RealClock(100);
    const ran: string[] = [];
    clock.schedule(86_400_000, TaskPriority.timer, () => ran.push('far'));
    expect(delays).toEqual([MAX_TIMER_DELAY_MS]);
    // The bug fired the far task after 1 ms: by the time a task 20 ms away has run, it has not.
    const near = new RealClock(1);
    await new Promise<void>((resolve) => near.schedule(20, TaskPriority.timer, resolve));
    expect(ran).toEqual([]);
    expect(delays.every((d) => d <= MAX_TIMER_DELAY_MS)).toBe(true);
    clock.dispose();
    near.dispose();
  });
});
