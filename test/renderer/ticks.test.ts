import { describe, expect, it } from 'vitest';
import { axisTicks, tickStep } from '../../renderer/src/timeline/ticks';
import { formatMs } from '../../renderer/src/timeline/format-ms';

describe('axis ticks', () => {
  it('picks a round step that keeps labels apart', () => {
    expect(tickStep({ from: 0, to: 10_000 }, 1000)).toBe(1000);
    expect(tickStep({ from: 0, to: 1000 }, 1000)).toBe(100);
    expect(tickStep({ from: 0, to: 600_000 }, 1000)).toBe(60_000);
  });

  it('labels major ticks in the unit of the step, with minor ticks between', () => {
    const ticks = axisTicks({ from: 0, to: 3000 }, 300);
    const major = ticks.filter((t) => t.major).map((t) => t.label);
    expect(major).toEqual(['0 s', '1 s', '2 s', '3 s']);
    expect(ticks.filter((t) => !t.major).length).toBe(12);
    expect(axisTicks({ from: 0, to: 500 }, 500, 80).filter((t) => t.major)[1]?.label).toBe('100 ms');
    expect(axisTicks({ from: 0, to: 180_000 }, 300).filter((t) => t.major).map((t) => t.label)).toEqual(['0 min', '1 min', '2 min', '3 min']);
  });

  it('formats durations the way the panels show them', () => {
    expect([formatMs(850), formatMs(9999), formatMs(12_500), formatMs(125_000), formatMs(-300)]).toEqual(['850 ms', '9999 ms', '12.5 s', '2 min 5 s', '−300 ms']);
  });
});
