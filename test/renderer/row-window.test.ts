import { describe, expect, it } from 'vitest';
import { rowWindow, scrollToShow } from '../../renderer/src/run/row-window';

// Rows 30 px tall in a 204 px viewport: 6.8 rows on screen, so 7 (+1 cut at the bottom) and 3 more either side.
describe('the rows of a windowed list', () => {
  it('renders the rows on screen and a few around them', () => {
    expect(rowWindow(100, 0, 30, 204)).toEqual({ first: 0, end: 11 });
    // Scrolled by 900 px: row 30 at the top; 27 to 41 rendered.
    expect(rowWindow(100, 900, 30, 204)).toEqual({ first: 27, end: 41 });
    expect(rowWindow(100, 2796, 30, 204)).toEqual({ first: 90, end: 100 });
    expect(rowWindow(5, 0, 30, 204)).toEqual({ first: 0, end: 5 });
    expect(rowWindow(0, 0, 30, 204)).toEqual({ first: 0, end: 0 });
  });

  it('a scroll past the end of a list that got shorter renders its last rows', () => {
    // 20 rows (600 px) scrolled by 900 px stand for the bottom, 396 px: row 13 at the top, 10 to 20 rendered.
    expect(rowWindow(20, 900, 30, 204)).toEqual({ first: 10, end: 20 });
  });

  it('follows the last row at the bottom of the list', () => {
    // 100 rows are 3000 px: the bottom is 3000 − 204 = 2796.
    expect(scrollToShow(99, true, 0, 100, 30, 204)).toBe(2796);
    // 5 rows fit: no scrolling.
    expect(scrollToShow(4, true, 0, 5, 30, 204)).toBe(0);
  });

  it('scrolls as little as it takes to show a selected row', () => {
    // Row 10 spans 300–330: the bottom of the viewport goes to 330.
    expect(scrollToShow(10, false, 0, 100, 30, 204)).toBe(126);
    // Row 2 (60–90) is above: its top goes to the top.
    expect(scrollToShow(2, false, 126, 100, 30, 204)).toBe(60);
    // Row 5 (150–180) is on screen (126–330): no change.
    expect(scrollToShow(5, false, 126, 100, 30, 204)).toBe(126);
  });
});
