import type { Interval } from '../../../main/api/trace/dead-air';
import { formatMs } from './format-ms';
import { itemBox, laneBoxes, plotLeft, plotWidth } from './geometry';
import type { Box, LaneBox, TimelineGeometry } from './geometry';
import type { TimelineMarker } from './aligned';
import type { TimelineItem, TimelineModel } from './layout';
import type { TimelinePalette } from './palette';
import { axisTicks } from './ticks';
import { timeToX } from './view-window';
import type { ViewWindow } from './view-window';

const FONT = '11px Inter, "Segoe UI", system-ui, sans-serif';
const CHAR_PX = 6.2;

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
export function drawTimeline(ctx: CanvasRenderingContext2D, model: TimelineModel, g: TimelineGeometry, height: number, view: ViewWindow, palette: TimelinePalette, selectedEvent: number | null): void {
  const boxes = laneBoxes(model, g);
  const left = plotLeft(g);
  const width = plotWidth(g);
  ctx.save();
  ctx.font = FONT;
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
  let selected: Box | null = null;
  for (const items of model.laneItems) {
    for (const item of items) {
      if (item.end < view.from || item.start > view.to) continue;
      const box = itemBox(item, boxes, g, view);
      drawItem(ctx, item, box, boxes, g, view, palette);
      if (item.eventIndex === selectedEvent && item.kind !== 'deadline') selected = box;
    }
  }
  if (selected) {
    ctx.strokeStyle = palette.selection;
    ctx.lineWidth = 2;
    ctx.strokeRect(selected.x - 2, selected.y - 2, selected.w + 4, selected.h + 4);
  }
  ctx.restore();

  drawAxis(ctx, g, view, palette);
  drawGutter(ctx, model, boxes, g, height, palette);
  ctx.restore();
}

/** The scrubber line with its time, and the hovered item's outline (drawn on the overlay canvas). */
export function drawOverlay(ctx: CanvasRenderingContext2D, model: TimelineModel, g: TimelineGeometry, height: number, view: ViewWindow, palette: TimelinePalette, scrubT: number, hovered: TimelineItem | null): void {
  ctx.clearRect(0, 0, g.width, height);
  const left = plotLeft(g);
  const width = plotWidth(g);
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, 0, width + 8, height);
  ctx.clip();
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
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    const label = formatMs(scrubT);
    const w = label.length * CHAR_PX + 10;
    const bx = Math.min(Math.max(x - w / 2, left), left + width - w);
    ctx.fillStyle = palette.scrub;
    roundRect(ctx, bx, 2, w, 16, 3);
    ctx.fill();
    ctx.fillStyle = palette.barText;
    ctx.fillText(label, bx + 5, 10);
  }
  ctx.restore();
}

/** Labelled dashed vertical lines across the lanes (drawn on the overlay canvas). */
export function drawMarkers(ctx: CanvasRenderingContext2D, markers: readonly TimelineMarker[], g: TimelineGeometry, height: number, view: ViewWindow, palette: TimelinePalette): void {
  const left = plotLeft(g);
  const width = plotWidth(g);
  ctx.save();
  ctx.font = FONT;
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
    const label = `dead air ${formatMs(gap.end - gap.start)}`;
    if (x2 - x1 > label.length * CHAR_PX + 8) {
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
    const label = fit(lane.label, g.labelWidth - 20);
    if (lane.rows === 2) {
      ctx.fillText(label, 10, (box.rows[0] as { top: number }).top + g.rowHeight / 2);
      ctx.fillStyle = palette.textMuted;
      ctx.fillText('  await windows', 10, (box.rows[1] as { top: number }).top + g.rowHeight / 2);
    } else {
      ctx.fillText(label, 10, box.top + box.height / 2);
    }
  });
}

function drawItem(ctx: CanvasRenderingContext2D, item: TimelineItem, box: Box, boxes: readonly LaneBox[], g: TimelineGeometry, view: ViewWindow, palette: TimelinePalette): void {
  const colour = palette.tones[item.tone];
  switch (item.kind) {
    case 'deadline': {
      const row = boxes[item.lane]?.rows[0];
      const lane = boxes[item.lane];
      if (!row || !lane) return;
      const x = Math.round(box.x + box.w / 2) + 0.5;
      ctx.strokeStyle = palette.deadline;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(x, lane.top);
      ctx.lineTo(x, lane.top + lane.height);
      ctx.stroke();
      ctx.fillStyle = palette.deadline;
      ctx.beginPath();
      ctx.moveTo(x, lane.top);
      ctx.lineTo(x + 7, lane.top + 4);
      ctx.lineTo(x, lane.top + 8);
      ctx.closePath();
      ctx.fill();
      return;
    }
    case 'end': {
      const cx = box.x + box.w / 2;
      const cy = box.y + box.h / 2;
      ctx.fillStyle = colour;
      ctx.beginPath();
      ctx.moveTo(cx, cy - 7);
      ctx.lineTo(cx + 7, cy);
      ctx.lineTo(cx, cy + 7);
      ctx.lineTo(cx - 7, cy);
      ctx.closePath();
      ctx.fill();
      return;
    }
    case 'await': {
      const left = plotLeft(g);
      const width = plotWidth(g);
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1;
      ctx.setLineDash([4, 3]);
      ctx.strokeRect(box.x + 0.5, box.y + 0.5, Math.max(box.w - 1, 1), box.h - 1);
      ctx.setLineDash([]);
      const filled = item.filledUntil ?? item.start;
      const fx = timeToX(filled, view, left, width);
      if (fx - box.x > 1) {
        ctx.globalAlpha = 0.35;
        ctx.fillStyle = colour;
        ctx.fillRect(box.x, box.y, fx - box.x, box.h);
        ctx.globalAlpha = 1;
      }
      drawLabel(ctx, item.label, box, palette.text);
      return;
    }
    case 'module': {
      ctx.fillStyle = colour;
      if (box.w <= 3) {
        ctx.fillRect(box.x, box.y, box.w, box.h);
      } else {
        ctx.globalAlpha = 0.85;
        roundRect(ctx, box.x, box.y, box.w, box.h, 3);
        ctx.fill();
        ctx.globalAlpha = 1;
        drawLabel(ctx, item.label, box, palette.barText);
      }
      return;
    }
    default: {
      ctx.fillStyle = colour;
      roundRect(ctx, box.x, box.y, box.w, box.h, 3);
      if (item.tone === 'open') {
        ctx.globalAlpha = 0.35;
        ctx.fill();
        ctx.globalAlpha = 1;
        ctx.strokeStyle = colour;
        ctx.setLineDash([3, 3]);
        ctx.stroke();
        ctx.setLineDash([]);
        drawLabel(ctx, item.label, box, palette.text);
      } else {
        ctx.fill();
        drawLabel(ctx, item.label, box, palette.barText);
      }
    }
  }
}

function drawLabel(ctx: CanvasRenderingContext2D, label: string, box: Box, colour: string): void {
  if (box.w < 28) return;
  const text = fit(label, box.w - 8);
  if (text === '') return;
  ctx.fillStyle = colour;
  ctx.fillText(text, box.x + 4, box.y + box.h / 2 + 0.5);
}

/** The label cut to about `px` pixels, with an ellipsis; empty when not even 3 characters fit. */
export function fit(label: string, px: number): string {
  const chars = Math.floor(px / CHAR_PX);
  if (label.length <= chars) return label;
  if (chars < 4) return '';
  return `${label.slice(0, chars - 1)}…`;
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  const radius = Math.min(r, w / 2, h / 2);
  ctx.beginPath();
  ctx.moveTo(x + radius, y);
  ctx.arcTo(x + w, y, x + w, y + h, radius);
  ctx.arcTo(x + w, y + h, x, y + h, radius);
  ctx.arcTo(x, y + h, x, y, radius);
  ctx.arcTo(x, y, x + w, y, radius);
  ctx.closePath();
}
