import type { TimelineItem, TimelineModel } from './layout';
import { timeToX, xToTime } from './view-window';
import type { ViewWindow } from './view-window';

/** Sizes of the timeline drawing, in CSS pixels. */
export interface TimelineGeometry {
  width: number;
  /** The left gutter with the lane names. */
  labelWidth: number;
  /** The time axis on top. */
  axisHeight: number;
  rowHeight: number;
  /** Space between lanes. */
  laneGap: number;
  /** The strip under the lanes where dead-air intervals are labelled. */
  footerHeight: number;
}

export const DEFAULT_GEOMETRY: Omit<TimelineGeometry, 'width'> = { labelWidth: 128, axisHeight: 26, rowHeight: 22, laneGap: 6, footerHeight: 16 };

export interface RowBox {
  top: number;
  height: number;
}

export interface LaneBox {
  top: number;
  height: number;
  rows: RowBox[];
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Bars narrower than this are drawn (and hit) as markers this wide. */
export const MIN_ITEM_PX = 3;

export function plotLeft(g: TimelineGeometry): number {
  return g.labelWidth;
}

export function plotWidth(g: TimelineGeometry): number {
  return Math.max(g.width - g.labelWidth - 8, 1);
}

/** Where each lane and row sits, top to bottom under the axis. */
export function laneBoxes(model: TimelineModel, g: TimelineGeometry): LaneBox[] {
  let y = g.axisHeight + g.laneGap;
  return model.lanes.map((lane) => {
    const rows: RowBox[] = [];
    for (let r = 0; r < lane.rows; r++) rows.push({ top: y + r * g.rowHeight, height: g.rowHeight });
    const box = { top: y, height: lane.rows * g.rowHeight, rows };
    y += box.height + g.laneGap;
    return box;
  });
}

/** The height of the whole drawing. */
export function totalHeight(model: TimelineModel, g: TimelineGeometry): number {
  const boxes = laneBoxes(model, g);
  const last = boxes.at(-1);
  return (last ? last.top + last.height + g.laneGap : g.axisHeight + g.laneGap) + g.footerHeight;
}

/** The rectangle an item covers on screen; markers are MIN_ITEM_PX wide around their time. */
export function itemBox(item: TimelineItem, boxes: readonly LaneBox[], g: TimelineGeometry, view: ViewWindow): Box {
  const row = boxes[item.lane]?.rows[item.row] ?? { top: 0, height: g.rowHeight };
  const left = plotLeft(g);
  const width = plotWidth(g);
  const x1 = timeToX(item.start, view, left, width);
  const x2 = timeToX(item.end, view, left, width);
  const inset = item.kind === 'await' ? 4 : 3;
  if (x2 - x1 < MIN_ITEM_PX) return { x: x1 - MIN_ITEM_PX / 2, y: row.top + inset, w: MIN_ITEM_PX, h: row.height - 2 * inset };
  return { x: x1, y: row.top + inset, w: x2 - x1, h: row.height - 2 * inset };
}

/** The lane under `y`, or -1. */
export function laneAt(boxes: readonly LaneBox[], y: number, g: TimelineGeometry): number {
  return boxes.findIndex((b) => y >= b.top - g.laneGap / 2 && y < b.top + b.height + g.laneGap / 2);
}

/**
 * The items under the pointer: those of the lane under `y` whose box is within
 * `tolerance` px of `x`, nearest first (in trace order within a pixel). Empty outside the plot.
 */
export function hitTest(model: TimelineModel, boxes: readonly LaneBox[], g: TimelineGeometry, view: ViewWindow, x: number, y: number, tolerance = 4): TimelineItem[] {
  if (x < plotLeft(g)) return [];
  const lane = laneAt(boxes, y, g);
  if (lane < 0) return [];
  const box = boxes[lane] as LaneBox;
  const row = box.rows.findIndex((r) => y >= r.top && y < r.top + r.height);
  const left = plotLeft(g);
  const width = plotWidth(g);
  const t = xToTime(x, view, left, width);
  const slack = (tolerance / width) * (view.to - view.from) + ((MIN_ITEM_PX / 2) / width) * (view.to - view.from);
  const hits: { item: TimelineItem; distance: number }[] = [];
  for (const item of model.laneItems[lane] ?? []) {
    if (item.start > t + slack) break;
    if (row >= 0 && box.rows.length > 1 && item.row !== row) continue;
    if (item.end < t - slack) continue;
    const ms = t < item.start ? item.start - t : t > item.end ? t - item.end : 0;
    // Whole pixels: what is under the same pixel ties, and then goes in trace order.
    const distance = Math.floor((ms / (view.to - view.from)) * width);
    hits.push({ item, distance });
  }
  return hits.sort((a, b) => a.distance - b.distance || a.item.eventIndex - b.item.eventIndex).map((h) => h.item);
}

/** The dead-air band (index in `model.deadAir`) under the pointer in the footer strip, or -1. */
export function deadAirAt(model: TimelineModel, g: TimelineGeometry, view: ViewWindow, x: number, y: number, tolerance = 2): number {
  const height = totalHeight(model, g);
  if (x < plotLeft(g) || y < height - g.footerHeight || y > height) return -1;
  const width = plotWidth(g);
  const t = xToTime(x, view, plotLeft(g), width);
  const slack = (tolerance / width) * (view.to - view.from);
  return model.deadAir.findIndex((gap) => t >= gap.start - slack && t <= gap.end + slack);
}

/** The lane whose name is under the pointer in the left gutter, or -1. */
export function gutterLaneAt(model: TimelineModel, g: TimelineGeometry, x: number, y: number): number {
  if (x >= plotLeft(g)) return -1;
  return laneAt(laneBoxes(model, g), y, g);
}
