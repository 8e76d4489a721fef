import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import TraceTimeline from '../../renderer/src/components/timeline/TraceTimeline.vue';
import { DEFAULT_GEOMETRY } from '../../renderer/src/timeline/geometry';
import { buildTimeline } from '../../renderer/src/timeline/layout';
import type { TimelineItem } from '../../renderer/src/timeline/layout';
import { fitWindow, timeToX } from '../../renderer/src/timeline/view-window';
import { slowApiTrace } from './fixtures/slow-api-trace';

const model = buildTimeline(slowApiTrace);

function mountTimeline() {
  return mount(TraceTimeline, { props: { model, scrubT: 0, selectedEvent: null, dark: false }, attachTo: document.body });
}

/** Where time `t` is on the timeline as mounted (happy-dom has no layout: the canvas is 200 px wide). */
function xAt(t: number): number {
  const width = 200;
  return timeToX(t, fitWindow(model.from, model.to), DEFAULT_GEOMETRY.labelWidth, width - DEFAULT_GEOMETRY.labelWidth - 8);
}

function pointer(type: string, x: number, y: number): PointerEvent {
  return new PointerEvent(type, { clientX: x, clientY: y, button: 0, bubbles: true, pointerId: 1 });
}

describe('TraceTimeline', () => {
  it('draws on two canvases and describes the run for screen readers', () => {
    const wrapper = mountTimeline();
    const canvases = wrapper.findAll('canvas');
    expect(canvases.length).toBe(2);
    const label = canvases[0]?.attributes('aria-label') ?? '';
    expect(label).toContain(`Timeline of ${slowApiTrace.length} events from 0 ms to 9600 ms`);
    expect(label).toContain('lanes: user speech, bot speech, modules, endpoints order_status;');
    expect(label).toContain('1 dead-air interval(s)');
    expect(canvases[1]?.attributes('aria-hidden')).toBe('true');
    wrapper.unmount();
  });

  it('is as tall as its lanes', () => {
    const wrapper = mountTimeline();
    expect(wrapper.find('.canvas-stack').attributes('style')).toContain('height: 182px');
    wrapper.unmount();
  });

  it('scrubs to the time clicked on the axis', async () => {
    const wrapper = mountTimeline();
    const overlay = wrapper.find('canvas.interactive').element;
    overlay.dispatchEvent(pointer('pointerdown', xAt(6000), 10));
    overlay.dispatchEvent(pointer('pointerup', xAt(6000), 10));
    await nextTick();
    const scrubs = wrapper.emitted('scrub') ?? [];
    expect(scrubs.length).toBe(1);
    expect(scrubs[0]?.[0] as number).toBeCloseTo(6000, -2);
    wrapper.unmount();
  });

  it('selects the event under the pointer on click', async () => {
    const wrapper = mountTimeline();
    const overlay = wrapper.find('canvas.interactive').element;
    overlay.dispatchEvent(pointer('pointerdown', xAt(5000), 127));
    overlay.dispatchEvent(pointer('pointerup', xAt(5000), 127));
    await nextTick();
    const selected = (wrapper.emitted('select') ?? [])[0]?.[0] as TimelineItem | undefined;
    expect(selected?.kind).toBe('request');
    expect(selected?.module).toBe('lookup');
    expect(wrapper.emitted('scrub')).toBeUndefined();
    wrapper.unmount();
  });

  it('pans on drag instead of selecting', async () => {
    const wrapper = mountTimeline();
    const overlay = wrapper.find('canvas.interactive').element;
    overlay.dispatchEvent(pointer('pointerdown', xAt(5000), 127));
    overlay.dispatchEvent(pointer('pointermove', xAt(5000) + 30, 127));
    overlay.dispatchEvent(pointer('pointerup', xAt(5000) + 30, 127));
    await nextTick();
    expect(wrapper.emitted('select')).toBeUndefined();
    expect(wrapper.emitted('scrub')).toBeUndefined();
    wrapper.unmount();
  });

  it('zooms in and out around the scrubbed time and fits back', async () => {
    const wrapper = mountTimeline();
    const api = wrapper.vm as unknown as { zoomIn(): void; zoomOut(): void; fit(): void; view: { from: number; to: number } };
    await wrapper.setProps({ scrubT: 5000 });
    api.zoomIn();
    const zoomed = api.view;
    expect(zoomed.to - zoomed.from).toBeCloseTo((9600 * 1.02) / 1.6);
    expect(zoomed.from).toBeLessThan(5000);
    expect(zoomed.to).toBeGreaterThan(5000);
    api.fit();
    expect(api.view).toEqual(fitWindow(0, 9600));
    wrapper.unmount();
  });
});
