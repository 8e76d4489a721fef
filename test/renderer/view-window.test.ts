import { describe, expect, it } from 'vitest';
import { MIN_SPAN_MS, clampWindow, fitWindow, panBy, revealTime, timeToX, xToTime, zoomAt } from '../../renderer/src/timeline/view-window';

const bounds = fitWindow(0, 10_000);

describe('view window maths', () => {
  it('fits the run with 2 % air on the right', () => {
    expect(bounds).toEqual({ from: 0, to: 10_200 });
    expect(fitWindow(500, 500)).toEqual({ from: 500, to: 500 + MIN_SPAN_MS * 1.02 });
  });

  it('maps time to x and back', () => {
    const view = { from: 1000, to: 3000 };
    expect(timeToX(2000, view, 100, 400)).toBe(300);
    expect(xToTime(300, view, 100, 400)).toBe(2000);
    expect(xToTime(timeToX(1234, view, 100, 400), view, 100, 400)).toBeCloseTo(1234);
  });

  it('zooms around the anchor: the anchor stays where it was on screen', () => {
    const view = { from: 0, to: 10_000 };
    const zoomed = zoomAt(view, 4, 5000, bounds);
    expect(zoomed.to - zoomed.from).toBe(2500);
    expect((5000 - zoomed.from) / (zoomed.to - zoomed.from)).toBeCloseTo((5000 - view.from) / (view.to - view.from));
  });

  it('never zooms in below the minimum span, nor out past the whole run', () => {
    const tiny = zoomAt({ from: 0, to: 100 }, 1000, 50, bounds);
    expect(tiny.to - tiny.from).toBe(MIN_SPAN_MS);
    const wide = zoomAt({ from: 0, to: 5000 }, 0.01, 2500, bounds);
    expect(wide).toEqual(bounds);
  });

  it('pans inside the bounds', () => {
    expect(panBy({ from: 0, to: 1000 }, 500, bounds)).toEqual({ from: 500, to: 1500 });
    expect(panBy({ from: 0, to: 1000 }, -500, bounds)).toEqual({ from: 0, to: 1000 });
    expect(panBy({ from: 9000, to: 10_000 }, 5000, bounds)).toEqual({ from: 9200, to: 10_200 });
  });

  it('centres a view wider than the bounds', () => {
    expect(clampWindow({ from: 0, to: 20_000 }, { from: 0, to: 10_000 })).toEqual({ from: -5000, to: 15_000 });
  });

  it('pans just enough to reveal a time that is off screen', () => {
    const view = { from: 0, to: 1000 };
    expect(revealTime(view, 500, bounds)).toBe(view);
    expect(revealTime(view, 3000, bounds)).toEqual({ from: 2050, to: 3050 });
    expect(revealTime({ from: 5000, to: 6000 }, 1000, bounds)).toEqual({ from: 950, to: 1950 });
  });

  it('keeps the very view when the pan is clamped back to it (near either end of the run)', () => {
    // The whole run on screen (0–10 200): 10 000 lies in the right margin (> 10 200 − 510),
    // 100 in the left one (< 510); the pan would leave the bounds, so the view stays.
    expect(revealTime(bounds, 10_000, bounds)).toBe(bounds);
    expect(revealTime(bounds, 100, bounds)).toBe(bounds);
    const end = { from: 9200, to: 10_200 };
    expect(revealTime(end, 10_150, bounds)).toBe(end);
  });
});
