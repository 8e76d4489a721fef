import type { Interval } from '../../../main/api/trace/dead-air';
import { CHAR_PX, FONT, drawItem, pickLabel, roundRect } from './draw-items';
import type { RowCursor } from './draw-items';
import { formatMs } from './format-ms';
import { drawTimeLabel, setFont } from './time-label';
import { itemBox, laneBoxes, plotLeft, plotWidth } from './geometry';
import type { LaneBox, TimelineGeometry } from './geometry';
import type { TimelineMarker } from './aligned';
import type { TimelineItem, TimelineModel } from './layout';
import type { TimelinePalette } from './palette';
import { axisTicks } from './ticks';
import { timeToX } from './view-window';
import type { ViewWindow } from './view-window';

/** Sizes a canvas for the device pixel ratio and returns its 2D context in CSS pixels. */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/** Draws lanes, axis, dead air and every visible item of the model. */
export function drawTimeline(ctx: CanvasRenderingContext2D, model: TimelineModel, g: TimelineGeometry, height: number, view: ViewWindow, palette: TimelinePalette): void {
  const boxes = laneBoxes(model, g);
  const left = plotLeft(g);
  const width = plotWidth(g);
  setFont(ctx, FONT);
  ctx.save();
  ctx.textBaseline = 'middle';
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, g.width, height);

  boxes.forEach((box, i) => {
    ctx.fillStyle = i % 2 === 0 ? palette.laneEven : palette.laneOdd;
    ctx.fillRect(0, box.top - g.laneGap / 2, g.width, box.height + g.laneGap);
  });

  ctx.save();
  ctx.beginPath();
  ctx.rect(left, 0, width, height);
  ctx.clip();
  drawDeadAir(ctx, model.deadAir, g, height, view, palette);
  drawGrid(ctx, g, height, view, palette);
  for (const items of model.laneItems) {
    const cursors: RowCursor[] = [{ labelRight: -Infinity }, { labelRight: -Infinity }];
    const grouped = new Set<TimelineItem>();
    for (let k = 0; k < items.length; k++) {
      const item = items[k] as TimelineItem;
      if (item.end < view.from || item.start > view.to || grouped.has(item)) continue;
      const cursor = cursors[item.row] ?? (cursors[0] as RowCursor);
      if (MARKERS.has(item.kind)) {
        // Markers at the same time (a lambda and a hook in zero time, an interruption and the end) share one label.
        const group = markerGroup(items, k);
        const nextX = nextStartX(items, k, g, view);
        for (const m of group.items) {
          drawItem(ctx, m, itemBox(m, boxes, g, view), boxes, g, view, palette, -Infinity, cursor);
          grouped.add(m);
        }
        drawItem(ctx, group.label, itemBox(group.label, boxes, g, view), boxes, g, view, palette, nextX, cursor, false);
        continue;
      }
      drawItem(ctx, item, itemBox(item, boxes, g, view), boxes, g, view, palette, Infinity, cursor);
    }
  }
  if (model.hangup) drawHangup(ctx, model.hangup.t, g, height, view, palette);
  ctx.restore();

  drawAxis(ctx, g, view, palette);
  drawGutter(ctx, model, boxes, g, height, palette);
  ctx.restore();
}

/** What the overlay outlines: the selected item or dead-air band, and the hovered one. */
export interface OverlayMarks {
  hovered: TimelineItem | null;
  selected: TimelineItem | null;
  selectedDeadAir: Interval | null;
  hoveredDeadAir: Interval | null;
}

/** The scrubber line with its time, the selection and the hovered item's outline (drawn on the overlay canvas). */
export function drawOverlay(ctx: CanvasRenderingContext2D, model: TimelineModel, g: TimelineGeometry, height: number, view: ViewWindow, palette: TimelinePalette, scrubT: number, marks: OverlayMarks): void {
  ctx.clearRect(0, 0, g.width, height);
  const left = plotLeft(g);
  const width = plotWidth(g);
  const { hovered, selected } = marks;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, 0, width + 8, height);
  ctx.clip();
  for (const [gap, colour, lineWidth] of [
    [marks.selectedDeadAir, palette.selection, 2],
    [marks.hoveredDeadAir, palette.hover, 1.5],
  ] as const) {
    if (!gap) continue;
    const x1 = timeToX(gap.start, view, left, width);
    const x2 = timeToX(gap.end, view, left, width);
    ctx.strokeStyle = colour;
    ctx.lineWidth = lineWidth;
    ctx.strokeRect(x1, g.axisHeight + 1, Math.max(x2 - x1, 2), height - g.axisHeight - 2);
  }
  if (selected) {
    const box = itemBox(selected, laneBoxes(model, g), g, view);
    ctx.strokeStyle = palette.selection;
    ctx.lineWidth = 2;
    ctx.strokeRect(box.x - 2, box.y - 2, box.w + 4, box.h + 4);
  }
  if (hovered) {
    const box = itemBox(hovered, laneBoxes(model, g), g, view);
    ctx.strokeStyle = palette.hover;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(box.x - 1.5, box.y - 1.5, box.w + 3, box.h + 3);
  }
  const x = Math.round(timeToX(scrubT, view, left, width)) + 0.5;
  if (x >= left && x <= left + width) {
    ctx.strokeStyle = palette.scrub;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(x, g.axisHeight - 6);
    ctx.lineTo(x, height);
    ctx.stroke();
    const label = formatMs(scrubT);
    const w = label.length * CHAR_PX + 10;
    const bx = Math.min(Math.max(x - w / 2, left), left + width - w);
    drawTimeLabel(ctx, label, bx, 2, w, 16, { font: FONT, fill: palette.scrub, text: palette.barText });
  }
  ctx.restore();
}

/** Labelled dashed vertical lines across the lanes (drawn on the overlay canvas). */
export function drawMarkers(ctx: CanvasRenderingContext2D, markers: readonly TimelineMarker[], g: TimelineGeometry, height: number, view: ViewWindow, palette: TimelinePalette): void {
  const left = plotLeft(g);
  const width = plotWidth(g);
  setFont(ctx, FONT);
  ctx.save();
  ctx.textBaseline = 'middle';
  for (const marker of markers) {
    const x = Math.round(timeToX(marker.t, view, left, width)) + 0.5;
    if (x < left || x > left + width) continue;
    ctx.strokeStyle = palette.marker;
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(x, g.axisHeight);
    ctx.lineTo(x, height);
    ctx.stroke();
    ctx.setLineDash([]);
    const w = marker.label.length * CHAR_PX + 10;
    // The label sits in the footer strip, on the side of the line with room for it.
    const bx = x + 4 + w <= left + width ? x + 4 : Math.max(left, x - 4 - w);
    const by = height - g.footerHeight;
    ctx.fillStyle = palette.marker;
    roundRect(ctx, bx, by + 1, w, g.footerHeight - 2, 3);
    ctx.fill();
    ctx.fillStyle = palette.barText;
    ctx.fillText(marker.label, bx + 5, by + g.footerHeight / 2);
  }
  ctx.restore();
}

function drawDeadAir(ctx: CanvasRenderingContext2D, deadAir: readonly Interval[], g: TimelineGeometry, height: number, view: ViewWindow, palette: TimelinePalette): void {
  const left = plotLeft(g);
  const width = plotWidth(g);
  for (const gap of deadAir) {
    if (gap.end < view.from || gap.start > view.to) continue;
    const x1 = timeToX(gap.start, view, left, width);
    const x2 = timeToX(gap.end, view, left, width);
    ctx.fillStyle = palette.deadAir;
    ctx.fillRect(x1, g.axisHeight, x2 - x1, height - g.axisHeight);
    ctx.save();
    ctx.beginPath();
    ctx.rect(x1, g.axisHeight, x2 - x1, height - g.axisHeight);
    ctx.clip();
    ctx.strokeStyle = palette.deadAirHatch;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let x = x1 - height; x < x2; x += 8) {
      ctx.moveTo(x, height);
      ctx.lineTo(x + height, 0);
    }
    ctx.stroke();
    ctx.restore();
    // The footer strip holds the band itself: point at it to see it, click it to select it.
    ctx.fillStyle = palette.deadAirHatch;
    ctx.fillRect(x1, height - g.footerHeight + 2, Math.max(x2 - x1, 2), g.footerHeight - 4);
    const label = pickLabel({ label: `dead air ${formatMs(gap.end - gap.start)}`, labels: [formatMs(gap.end - gap.start)] }, x2 - x1 - 8);
    if (label !== '') {
      ctx.fillStyle = palette.deadline;
      ctx.fillText(label, x1 + 4, height - g.footerHeight / 2);
    }
  }
}

function drawGrid(ctx: CanvasRenderingContext2D, g: TimelineGeometry, height: number, view: ViewWindow, palette: TimelinePalette): void {
  const left = plotLeft(g);
  const width = plotWidth(g);
  ctx.strokeStyle = palette.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const tick of axisTicks(view, width)) {
    if (!tick.major) continue;
    const x = Math.round(timeToX(tick.t, view, left, width)) + 0.5;
    ctx.moveTo(x, g.axisHeight);
    ctx.lineTo(x, height);
  }
  ctx.stroke();
}

function drawAxis(ctx: CanvasRenderingContext2D, g: TimelineGeometry, view: ViewWindow, palette: TimelinePalette): void {
  const left = plotLeft(g);
  const width = plotWidth(g);
  ctx.fillStyle = palette.gutter;
  ctx.fillRect(0, 0, g.width, g.axisHeight);
  ctx.strokeStyle = palette.axis;
  ctx.fillStyle = palette.textMuted;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(left, g.axisHeight - 0.5);
  ctx.lineTo(left + width, g.axisHeight - 0.5);
  for (const tick of axisTicks(view, width)) {
    const x = Math.round(timeToX(tick.t, view, left, width)) + 0.5;
    if (x < left || x > left + width) continue;
    ctx.moveTo(x, g.axisHeight - (tick.major ? 7 : 3));
    ctx.lineTo(x, g.axisHeight);
    if (tick.major) ctx.fillText(tick.label, x + 3, g.axisHeight - 13);
  }
  ctx.stroke();
}

function drawGutter(ctx: CanvasRenderingContext2D, model: TimelineModel, boxes: readonly LaneBox[], g: TimelineGeometry, height: number, palette: TimelinePalette): void {
  ctx.fillStyle = palette.gutter;
  ctx.fillRect(0, 0, g.labelWidth - 4, height);
  ctx.fillStyle = palette.textMuted;
  ctx.fillText('time', 10, g.axisHeight / 2);
  if (model.deadAir.length > 0) {
    ctx.fillStyle = palette.deadline;
    ctx.fillText('dead air', 10, height - g.footerHeight / 2);
  }
  model.lanes.forEach((lane, i) => {
    const box = boxes[i] as LaneBox;
    ctx.fillStyle = palette.text;
    const label = pickLabel({ label: lane.label }, g.labelWidth - 20);
    if (lane.rows === 2) {
      ctx.fillText(label, 10, (box.rows[0] as { top: number }).top + g.rowHeight / 2);
      ctx.fillStyle = palette.textMuted;
      ctx.fillText('  await windows', 10, (box.rows[1] as { top: number }).top + g.rowHeight / 2);
    } else {
      ctx.fillText(label, 10, box.top + box.height / 2);
    }
  });
}

/** Where the next item of the same row that starts later begins, on screen. */
function nextStartX(items: readonly TimelineItem[], k: number, g: TimelineGeometry, view: ViewWindow): number {
  const item = items[k] as TimelineItem;
  for (let j = k + 1; j < items.length; j++) {
    const next = items[j] as TimelineItem;
    if (next.row !== item.row || next.start <= item.start || next.kind === 'deadline') continue;
    return timeToX(next.start, view, plotLeft(g), plotWidth(g));
  }
  return plotLeft(g) + plotWidth(g);
}

/** The caller hung up: a line across every lane, labelled at the top. */
function drawHangup(ctx: CanvasRenderingContext2D, t: number, g: TimelineGeometry, height: number, view: ViewWindow, palette: TimelinePalette): void {
  const left = plotLeft(g);
  const width = plotWidth(g);
  const x = Math.round(timeToX(t, view, left, width)) + 0.5;
  ctx.strokeStyle = palette.deadline;
  ctx.lineWidth = 2;
  ctx.setLineDash([8, 3, 2, 3]);
  ctx.beginPath();
  ctx.moveTo(x, g.axisHeight);
  ctx.lineTo(x, height - g.footerHeight);
  ctx.stroke();
  ctx.setLineDash([]);
  const label = `☎ hang-up ${formatMs(t)}`;
  const w = label.length * CHAR_PX + 8;
  const bx = x + 4 + w <= left + width ? x + 4 : x - 4 - w;
  ctx.fillStyle = palette.deadline;
  roundRect(ctx, bx, g.axisHeight + 1, w, 14, 3);
  ctx.fill();
  ctx.fillStyle = palette.barText;
  ctx.fillText(label, bx + 4, g.axisHeight + 8.5);
}

const MARKERS = new Set<TimelineItem['kind']>(['end', 'interruption', 'code', 'dropped']);

/**
 * The markers of one row at the same time as items[k] (the end drawn last, on top), and an
 * item that carries their joined label: every label, then every short form, then the end's alone.
 */
function markerGroup(items: readonly TimelineItem[], k: number): { items: TimelineItem[]; label: TimelineItem } {
  const first = items[k] as TimelineItem;
  const group: TimelineItem[] = [];
  for (let j = k; j < items.length; j++) {
    const m = items[j] as TimelineItem;
    if (m.start !== first.start) break;
    if (MARKERS.has(m.kind) && m.row === first.row) group.push(m);
  }
  group.sort((a, b) => Number(a.kind === 'end') - Number(b.kind === 'end'));
  if (group.length === 1) return { items: group, label: first };
  const end = group.find((m) => m.kind === 'end');
  const shortOf = (m: TimelineItem) => m.labels?.[0] ?? m.label;
  const labels = [group.map(shortOf).join(' · ')];
  // The end keeps its label when nothing else fits: the final port is never an unlabelled diamond.
  if (end) labels.push(end.label, ...(end.labels ?? []));
  else labels.push(`${group.length} at once`);
  return { items: group, label: { ...first, label: group.map((m) => m.label).join(' · '), labels } };
}
