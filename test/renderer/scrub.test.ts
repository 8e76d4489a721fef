import { describe, expect, it } from 'vitest';
import { countAtOrBefore, neighbourIndex, stepTime } from '../../renderer/src/run/scrub';

describe('scrubbing', () => {
  const times = [0, 3200, 3200, 4700, 7700, 8000];

  it('counts what happened at or before the scrubbed time', () => {
    expect([-1, 0, 3199, 3200, 7999, 8000, 9000].map((t) => countAtOrBefore(times, t))).toEqual([0, 1, 1, 3, 5, 6, 6]);
  });

  it('steps to round times, 100 ms or 1 s at a time, inside the run', () => {
    expect(stepTime(6000, 1, false, 0, 9600)).toBe(6100);
    expect(stepTime(6050, -1, false, 0, 9600)).toBe(6000);
    expect(stepTime(6050, 1, true, 0, 9600)).toBe(7000);
    expect(stepTime(9550, 1, true, 0, 9600)).toBe(9600);
    expect(stepTime(50, -1, false, 0, 9600)).toBe(0);
  });

  it('walks to the next and previous port choice', () => {
    expect(neighbourIndex(times, 2, 3200, 1)).toBe(3);
    expect(neighbourIndex(times, 0, 0, -1)).toBeNull();
    expect(neighbourIndex(times, 5, 8000, 1)).toBeNull();
    // With nothing selected: ] takes the first one after the time, [ the last one listed.
    expect(neighbourIndex(times, null, 3200, 1)).toBe(3);
    expect(neighbourIndex(times, null, 3200, -1)).toBe(2);
    expect(neighbourIndex([], null, 0, 1)).toBeNull();
  });
});
