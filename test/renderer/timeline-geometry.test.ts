import { describe, expect, it } from 'vitest';
import { DEFAULT_GEOMETRY, MIN_ITEM_PX, hitTest, itemBox, laneBoxes, totalHeight } from '../../renderer/src/timeline/geometry';
import { buildTimeline } from '../../renderer/src/timeline/layout';
import { fitWindow, timeToX } from '../../renderer/src/timeline/view-window';
import { slowApiTrace } from './fixtures/slow-api-trace';

const model = buildTimeline(slowApiTrace);
const g = { ...DEFAULT_GEOMETRY, width: 1136 };
const view = fitWindow(model.from, model.to);
const boxes = laneBoxes(model, g);
const plot = { left: g.labelWidth, width: g.width - g.labelWidth - 8 };
const x = (t: number) => timeToX(t, view, plot.left, plot.width);

describe('timeline geometry', () => {
  it('stacks the lanes under the axis, endpoint lanes two rows high', () => {
    expect(boxes.map((b) => [b.top, b.height])).toEqual([
      [32, 22],
      [60, 22],
      [88, 22],
      [116, 44],
    ]);
    expect(totalHeight(model, g)).toBe(116 + 44 + 6 + 16);
  });

  it('places a bar by its times and a zero-length event as a narrow marker', () => {
    const request = (model.laneItems[3] ?? []).find((i) => i.kind === 'request');
    if (!request) throw new Error('no request');
    const box = itemBox(request, boxes, g, view);
    expect(box.x).toBeCloseTo(x(3200));
    expect(box.w).toBeCloseTo(x(8000) - x(3200));
    const greet = (model.laneItems[2] ?? []).find((i) => i.module === 'greet');
    if (!greet) throw new Error('no greet');
    expect(itemBox(greet, boxes, g, view).w).toBe(MIN_ITEM_PX);
  });

  it('finds what is under the pointer, nearest first, and nothing in the gutter', () => {
    const hits = hitTest(model, boxes, g, view, x(5000), 127);
    expect(hits.map((h) => h.kind)).toEqual(['request']);
    const windows = hitTest(model, boxes, g, view, x(6000), 149);
    expect(windows.map((h) => h.label)).toEqual(['check: module_timeout']);
    // Four modules are entered at 3200 ms; the nearest come first.
    expect(hitTest(model, boxes, g, view, x(3200), 99).map((h) => h.module)).toEqual(['read', 'lookup', 'hold', 'pause']);
    expect(hitTest(model, boxes, g, view, 40, 127)).toEqual([]);
    expect(hitTest(model, boxes, g, view, x(1000), 127)).toEqual([]);
  });
});
