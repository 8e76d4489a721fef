import { describe, expect, it } from 'vitest';
import type { SweepBand } from '../../main/api/routes/analysis';
import { MIN_BAND_PX, bandRange, bandRects, boundaryMarks, latencyToX, placeOnRows, representativeLatency, xToLatency } from '../../renderer/src/analysis/band-chart';
import type { BandScale } from '../../renderer/src/analysis/band-chart';

const band = (from: number, to: number, summary: string, endState: SweepBand['endState'] = 'end'): SweepBand => ({ from, to, summary, signature: summary, path: [], endState });

/** The example voice scenario swept over 0–8000 ms (what analysis.sweep answers). */
const slowApi: SweepBand[] = [
  band(0, 4500, 'check.success → end'),
  band(4501, 5000, 'check.waiting → check.success → end'),
  band(5001, 8000, 'check.waiting → check.failure → handover', 'handover'),
];
// 8000 ms over 800 px: 10 ms a pixel, from x = 20.
const scale: BandScale = { from: 0, to: 8000, left: 20, width: 800 };

describe('band chart scale', () => {
  it('maps latency to x and back', () => {
    expect(latencyToX(0, scale)).toBe(20);
    expect(latencyToX(8000, scale)).toBe(820);
    expect(latencyToX(4500, scale)).toBe(470);
    expect(xToLatency(470, scale)).toBe(4500);
  });

  it('tiles the axis: each band reaches the midpoint between its last ms and the next band’s first', () => {
    const rects = bandRects(slowApi, scale);
    const round = (n: number): number => Math.round(n * 100) / 100;
    expect(rects.map((r) => [round(r.x), round(r.x + r.w)])).toEqual([
      [20, 470.05],
      [470.05, 520.05],
      [520.05, 820],
    ]);
  });

  it('gives each distinct path its colour, and the same colour to the same path', () => {
    const again = [...slowApi, band(8001, 9000, 'check.success → end')];
    expect(bandRects(again, { ...scale, to: 9000 }).map((r) => r.colour)).toEqual([0, 1, 2, 0]);
  });

  it('widens a band too narrow to click to MIN_BAND_PX around its centre', () => {
    const narrow = [band(0, 4999, 'a'), band(5000, 5000, 'b'), band(5001, 8000, 'c')];
    const middle = bandRects(narrow, scale)[1];
    expect(middle?.w).toBe(MIN_BAND_PX);
    expect((middle?.x ?? 0) + MIN_BAND_PX / 2).toBeCloseTo(latencyToX(5000, scale));
  });

  it('labels each exact boundary as last | first ms, staggering labels that would overlap', () => {
    const marks = boundaryMarks(slowApi, scale);
    expect(marks.map((m) => [m.text, m.row])).toEqual([
      ['4500 | 4501', 0],
      ['5000 | 5001', 1],
    ]);
    expect(marks[0]?.x).toBeCloseTo(470.05);
    // Far apart, they share the first row.
    expect(boundaryMarks(slowApi, { ...scale, width: 8000 }).map((m) => m.row)).toEqual([0, 0]);
  });

  it('puts a label back on the first row once it is clear of the one before', () => {
    const rows = placeOnRows(
      [
        { x: 100, text: 'aaaa' },
        { x: 110, text: 'bbbb' },
        { x: 200, text: 'cccc' },
      ],
      10,
      4,
    );
    expect(rows.map((r) => r.row)).toEqual([0, 1, 0]);
  });

  it('opens a band at its middle ms and names it by its range', () => {
    expect(slowApi.map(representativeLatency)).toEqual([2250, 4750, 6500]);
    expect(bandRange(slowApi[1] as SweepBand)).toBe('4501 – 5000 ms');
    expect(bandRange({ from: 7, to: 7 })).toBe('7 ms');
  });
});
