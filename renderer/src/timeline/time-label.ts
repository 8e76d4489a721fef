import { roundRect } from './draw-items';

type FontContext = { font: string };

/** The font each context was last given by setFont, as the context reports it back. */
const fontSet = new WeakMap<FontContext, string>();

/**
 * Gives the context our font unless it has it already. Setting a font on a canvas in the
 * page resolves it against the page's style (after a DOM update: a style recalculation in
 * the middle of a scrub step): it is set outside save/restore, so it stays until the canvas
 * is resized (which resets it).
 */
export function setFont(ctx: FontContext, font: string): void {
  if (fontSet.get(ctx) === ctx.font) return;
  ctx.font = font;
  fontSet.set(ctx, ctx.font);
}

let scratch: OffscreenCanvas | null = null;

export interface TimeLabelStyle {
  font: string;
  fill: string;
  text: string;
}

/**
 * Draws a time label (a rounded box with the text in it) at x, y, w × h. The text is drawn on
 * an offscreen canvas first: text on the page's canvas needs the page's style up to date,
 * which right after the panels changed costs a style recalculation of the whole view.
 */
export function drawTimeLabel(ctx: CanvasRenderingContext2D, label: string, x: number, y: number, w: number, h: number, style: TimeLabelStyle): void {
  if (typeof OffscreenCanvas === 'undefined') {
    setFont(ctx, style.font);
    drawLabel(ctx, label, x, y, w, h, style);
    return;
  }
  const ratio = ctx.getTransform().a || 1;
  const pw = Math.ceil(w * ratio);
  const ph = Math.ceil(h * ratio);
  scratch ??= new OffscreenCanvas(pw, ph);
  if (scratch.width < pw) scratch.width = pw;
  if (scratch.height < ph) scratch.height = ph;
  const off = scratch.getContext('2d');
  if (!off) return;
  off.setTransform(1, 0, 0, 1, 0, 0);
  off.clearRect(0, 0, scratch.width, scratch.height);
  off.setTransform(ratio, 0, 0, ratio, 0, 0);
  setFont(off, style.font);
  drawLabel(off, label, 0, 0, w, h, style);
  ctx.drawImage(scratch, 0, 0, pw, ph, x, y, w, h);
}

function drawLabel(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, label: string, x: number, y: number, w: number, h: number, style: TimeLabelStyle): void {
  ctx.fillStyle = style.fill;
  roundRect(ctx, x, y, w, h, 3);
  ctx.fill();
  ctx.fillStyle = style.text;
  ctx.textBaseline = 'middle';
  ctx.fillText(label, x + 5, y + h / 2);
}
