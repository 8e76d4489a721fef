import { plotLeft, plotWidth } from './geometry';
import type { Box, LaneBox, TimelineGeometry } from './geometry';
import type { TimelineItem } from './layout';
import type { TimelinePalette } from './palette';
import { timeToX } from './view-window';
import type { ViewWindow } from './view-window';

export const FONT = '11px Inter, "Segoe UI", system-ui, sans-serif';
export const CHAR_PX = 6.2;

/** Fewer characters than this of a label cut with an ellipsis say nothing: the label is left out (the hover card has it). */
const MIN_CUT_CHARS = 6;

/**
 * The longest of the label and its shorter forms that fits in `px`; the last form cut with an
 * ellipsis when at least a few characters of it fit; '' otherwise.
 */
export function pickLabel(item: Pick<TimelineItem, 'label' | 'labels'>, px: number, allowCut = true): string {
  const candidates = [item.label, ...(item.labels ?? [])];
  const chars = Math.floor(px / CHAR_PX);
  for (const c of candidates) if (c.length <= chars) return c;
  if (!allowCut) return '';
  const last = candidates[candidates.length - 1] as string;
  const first = candidates[0] as string;
  // Prose (speech) reads well cut; a short form is cut only when enough of it remains.
  const cut = first.length > 24 ? first : last;
  if (chars - 1 < MIN_CUT_CHARS) return '';
  return `${cut.slice(0, chars - 1)}…`;
}

/** What a row of items knows while it is drawn left to right: where the last label ended. */
export interface RowCursor {
  labelRight: number;
}

/**
 * Draws one item. `nextX`: where the next item of its row starts on screen (a marker's label
 * stays left of it), `cursor`: the row's drawn labels so far (labels never overlap).
 */
export function drawItem(
  ctx: CanvasRenderingContext2D,
  item: TimelineItem,
  box: Box,
  boxes: readonly LaneBox[],
  g: TimelineGeometry,
  view: ViewWindow,
  palette: TimelinePalette,
  nextX: number,
  cursor: RowCursor,
  /** Markers: draw the shape (false: only the label, for a group drawn already). */
  shape = true,
): void {
  const colour = palette.tones[item.tone];
  switch (item.kind) {
    case 'deadline': {
      const lane = boxes[item.lane];
      if (!lane) return;
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
    case 'end':
    case 'interruption':
    case 'code':
    case 'dropped': {
      if (shape) drawMarker(ctx, item, box, colour, palette);
      if (nextX !== -Infinity) sideLabel(ctx, item, box, nextX, cursor, palette.text);
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
      insideLabel(ctx, item, box, palette.text, cursor);
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
        insideLabel(ctx, item, box, palette.barText, cursor);
      }
      return;
    }
    case 'silence': {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1;
      ctx.setLineDash([4, 3]);
      ctx.strokeRect(box.x + 0.5, box.y + 0.5, Math.max(box.w - 1, 1), box.h - 1);
      ctx.setLineDash([]);
      hatch(ctx, box, colour);
      insideLabel(ctx, item, box, palette.text, cursor);
      return;
    }
    case 'user-speech':
    case 'bot-speech':
    case 'request': {
      if (item.hatched === true) {
        ctx.globalAlpha = 0.35;
        ctx.fillStyle = colour;
        roundRect(ctx, box.x, box.y, box.w, box.h, 3);
        ctx.fill();
        ctx.globalAlpha = 1;
        hatch(ctx, box, colour);
        insideLabel(ctx, item, box, palette.text, cursor);
        return;
      }
      if (item.cutAt !== undefined) {
        drawCutSpeech(ctx, item, box, view, g, colour, palette, cursor);
        return;
      }
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
        insideLabel(ctx, item, box, palette.text, cursor);
        return;
      }
      ctx.fill();
      if (item.keys && item.keys.length > 0) drawKeys(ctx, item, box, view, g, palette, cursor);
      else insideLabel(ctx, item, box, palette.barText, cursor);
      return;
    }
  }
}

/** Solid up to the cut, hatched and pale after it, with a cut mark. */
function drawCutSpeech(ctx: CanvasRenderingContext2D, item: TimelineItem, box: Box, view: ViewWindow, g: TimelineGeometry, colour: string, palette: TimelinePalette, cursor: RowCursor): void {
  const cx = Math.min(Math.max(timeToX(item.cutAt ?? item.end, view, plotLeft(g), plotWidth(g)), box.x), box.x + box.w);
  const played: Box = { ...box, w: cx - box.x };
  const lost: Box = { ...box, x: cx, w: box.x + box.w - cx };
  ctx.fillStyle = colour;
  if (played.w > 0) {
    roundRect(ctx, played.x, played.y, played.w, played.h, 3);
    ctx.fill();
  }
  if (lost.w > 0) {
    ctx.globalAlpha = 0.25;
    ctx.fillRect(lost.x, lost.y, lost.w, lost.h);
    ctx.globalAlpha = 1;
    hatch(ctx, lost, colour);
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1;
    ctx.strokeRect(lost.x + 0.5, lost.y + 0.5, Math.max(lost.w - 1, 1), lost.h - 1);
  }
  ctx.strokeStyle = palette.deadline;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(cx, box.y - 2);
  ctx.lineTo(cx, box.y + box.h + 2);
  ctx.stroke();
  insideLabel(ctx, item, played.w >= 28 ? played : box, played.w >= 28 ? palette.barText : palette.text, cursor);
}

/** DTMF: one cell per key with its digit when the cells are wide enough, else the keys as a label. */
function drawKeys(ctx: CanvasRenderingContext2D, item: TimelineItem, box: Box, view: ViewWindow, g: TimelineGeometry, palette: TimelinePalette, cursor: RowCursor): void {
  const keys = item.keys ?? [];
  const left = plotLeft(g);
  const width = plotWidth(g);
  const cellW = box.w / keys.length;
  if (cellW < 9) {
    insideLabel(ctx, item, box, palette.barText, cursor);
    return;
  }
  ctx.strokeStyle = palette.background;
  ctx.lineWidth = 1;
  ctx.fillStyle = palette.barText;
  for (const k of keys) {
    const x1 = timeToX(k.start, view, left, width);
    if (k !== keys[0]) {
      ctx.beginPath();
      ctx.moveTo(Math.round(x1) + 0.5, box.y + 2);
      ctx.lineTo(Math.round(x1) + 0.5, box.y + box.h - 2);
      ctx.stroke();
    }
    ctx.fillText(k.key, x1 + cellW / 2 - 3, box.y + box.h / 2 + 0.5);
  }
  cursor.labelRight = box.x + box.w;
}

function drawMarker(ctx: CanvasRenderingContext2D, item: TimelineItem, box: Box, colour: string, palette: TimelinePalette): void {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  ctx.fillStyle = colour;
  ctx.strokeStyle = colour;
  ctx.beginPath();
  switch (item.kind) {
    case 'end':
      ctx.moveTo(cx, cy - 7);
      ctx.lineTo(cx + 7, cy);
      ctx.lineTo(cx, cy + 7);
      ctx.lineTo(cx - 7, cy);
      ctx.closePath();
      ctx.fill();
      return;
    case 'interruption':
      // A bolt: a system event took over.
      ctx.moveTo(cx + 2, cy - 8);
      ctx.lineTo(cx - 4, cy + 1);
      ctx.lineTo(cx, cy + 1);
      ctx.lineTo(cx - 2, cy + 8);
      ctx.lineTo(cx + 4, cy - 1);
      ctx.lineTo(cx, cy - 1);
      ctx.closePath();
      ctx.fill();
      return;
    case 'code':
      ctx.arc(cx, cy, 5, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillStyle = palette.barText;
      ctx.fillRect(cx - 0.5, cy - 0.5, 1, 1);
      return;
    default:
      // Dropped: a hollow square crossed out.
      ctx.lineWidth = 1.5;
      ctx.strokeRect(cx - 5, cy - 5, 10, 10);
      ctx.moveTo(cx - 5, cy - 5);
      ctx.lineTo(cx + 5, cy + 5);
      ctx.moveTo(cx + 5, cy - 5);
      ctx.lineTo(cx - 5, cy + 5);
      ctx.stroke();
  }
}

/** A marker's label, right of it when there is room before the next item, else left of it; none when neither. */
function sideLabel(ctx: CanvasRenderingContext2D, item: TimelineItem, box: Box, nextX: number, cursor: RowCursor, colour: string): void {
  const cx = box.x + box.w / 2;
  const rightStart = cx + 10;
  const room = nextX - rightStart - 4;
  const y = box.y + box.h / 2 + 0.5;
  ctx.fillStyle = colour;
  const rightFree = rightStart > cursor.labelRight;
  // A whole label on the right, else a whole one on the left, else a cut one on the right.
  const right = rightFree ? pickLabel(item, room, false) : '';
  if (right !== '') {
    ctx.fillText(right, rightStart, y);
    cursor.labelRight = rightStart + right.length * CHAR_PX;
    return;
  }
  const leftRoom = cx - 10 - Math.max(cursor.labelRight + 4, 0);
  const left = leftRoom > 0 ? pickLabel(item, leftRoom, false) : '';
  if (left !== '') {
    const w = left.length * CHAR_PX;
    ctx.fillText(left, cx - 10 - w, y);
    cursor.labelRight = cx + 7;
    return;
  }
  const cut = rightFree ? pickLabel(item, room) : '';
  if (cut !== '') {
    ctx.fillText(cut, rightStart, y);
    cursor.labelRight = rightStart + cut.length * CHAR_PX;
  }
}

function insideLabel(ctx: CanvasRenderingContext2D, item: TimelineItem, box: Box, colour: string, cursor: RowCursor): void {
  if (box.w < 28) return;
  const text = pickLabel(item, box.w - 8);
  if (text === '') return;
  ctx.fillStyle = colour;
  ctx.fillText(text, box.x + 4, box.y + box.h / 2 + 0.5);
  cursor.labelRight = Math.max(cursor.labelRight, box.x + 4 + text.length * CHAR_PX);
}

/** Diagonal stripes over a box. */
export function hatch(ctx: CanvasRenderingContext2D, box: Box, colour: string): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  ctx.strokeStyle = colour;
  ctx.globalAlpha = 0.6;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let x = box.x - box.h; x < box.x + box.w; x += 6) {
    ctx.moveTo(x, box.y + box.h);
    ctx.lineTo(x + box.h, box.y);
  }
  ctx.stroke();
  ctx.restore();
}

export function roundRect(ctx: Pick<CanvasRenderingContext2D, 'beginPath' | 'moveTo' | 'arcTo' | 'closePath'>, x: number, y: number, w: number, h: number, r: number): void {
  const radius = Math.min(r, w / 2, h / 2);
  ctx.beginPath();
  ctx.moveTo(x + radius, y);
  ctx.arcTo(x + w, y, x + w, y + h, radius);
  ctx.arcTo(x + w, y + h, x, y + h, radius);
  ctx.arcTo(x, y + h, x, y, radius);
  ctx.arcTo(x, y, x + w, y, radius);
  ctx.closePath();
}
