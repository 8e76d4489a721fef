import { describe, expect, it } from 'vitest';
import { setFont } from '../../renderer/src/timeline/time-label';

/** A context that counts how often its font is set; `reset` does what resizing a canvas does. */
function fakeContext() {
  let font = '10px sans-serif';
  let sets = 0;
  const ctx = {
    get font() {
      return font;
    },
    set font(value: string) {
      sets++;
      font = value;
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, sets: () => sets, reset: () => (font = '10px sans-serif') };
}

describe('the timeline canvas font', () => {
  it('is set once per context while the context keeps it', () => {
    const { ctx, sets } = fakeContext();
    setFont(ctx, '11px Inter, sans-serif');
    setFont(ctx, '11px Inter, sans-serif');
    setFont(ctx, '11px Inter, sans-serif');
    expect(sets()).toBe(1);
    expect(ctx.font).toBe('11px Inter, sans-serif');
  });

  it('is set again once the context lost it (a resized canvas starts from the default font)', () => {
    const { ctx, sets, reset } = fakeContext();
    setFont(ctx, '11px Inter, sans-serif');
    reset();
    setFont(ctx, '11px Inter, sans-serif');
    expect(sets()).toBe(2);
    expect(ctx.font).toBe('11px Inter, sans-serif');
  });
});
