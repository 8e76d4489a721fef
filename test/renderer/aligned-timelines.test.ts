import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import type { TraceEvent } from '../../main/api/formats/trace';
import AlignedTimelines from '../../renderer/src/components/timeline/AlignedTimelines.vue';
import { alignModels, sharedBounds, unionLanes, withLanes } from '../../renderer/src/timeline/aligned';
import { buildTimeline } from '../../renderer/src/timeline/layout';
import { fitWindow } from '../../renderer/src/timeline/view-window';
import { slowApiTrace } from './fixtures/slow-api-trace';

/** The same conversation, replayed with a second endpoint called after the first. */
const replayed: TraceEvent[] = [
  ...slowApiTrace.filter((e) => e.type !== 'end'),
  { type: 'request', t: 8000, id: 'r2', endpoint: 'audit', module: 'tell', mode: 'async', method: 'POST', url: '/audit', deadline: 13000 },
  { type: 'response', t: 12000, id: 'r2', status: 204, arrival: 12000 },
  { type: 'end', t: 12000, state: 'end' },
];
/** A run that starts later and never calls an endpoint. */
const short: TraceEvent[] = [
  { type: 'start', t: 500, flow: 'f', channel: 'chat', seed: 1 },
  { type: 'end', t: 900, state: 'awaiting_user' },
];

describe('aligned timelines: one time axis, the same lanes', () => {
  const recorded = buildTimeline(slowApiTrace);
  const replay = buildTimeline(replayed);

  it('spans from the earliest start to the latest end of both runs (a deadline that never fired is not an end)', () => {
    expect(sharedBounds([recorded, replay])).toEqual(fitWindow(0, 12000));
    expect(sharedBounds([buildTimeline(short), recorded])).toEqual(fitWindow(0, 9600));
    expect(sharedBounds([])).toEqual(fitWindow(0, 0));
  });

  it('lists every lane once: speech and modules first, then the endpoints in order of first use', () => {
    expect(unionLanes([recorded, replay]).map((l) => l.id)).toEqual(['user', 'bot', 'modules', 'endpoint:order_status', 'endpoint:audit']);
    expect(unionLanes([buildTimeline(short), replay]).map((l) => l.id)).toEqual(['user', 'bot', 'modules', 'endpoint:order_status', 'endpoint:audit']);
  });

  it('gives a run an empty lane for an endpoint only the other one calls, and keeps its items on their lanes', () => {
    const { a, b } = alignModels(recorded, replay);
    expect(a.lanes.map((l) => l.id)).toEqual(b.lanes.map((l) => l.id));
    expect(a.laneItems[4]).toEqual([]);
    expect(b.laneItems[4]?.map((i) => [i.kind, i.lane, i.start, i.end])).toEqual([
      ['request', 4, 8000, 12000],
      ['deadline', 4, 13000, 13000],
    ]);
    expect(a.laneItems[3]?.every((i) => i.lane === 3)).toBe(true);
  });

  it('moves items when a lane changes place', () => {
    const swapped = withLanes(replay, [...replay.lanes.slice(0, 3), replay.lanes[4], replay.lanes[3]].filter((l) => l !== undefined));
    expect(swapped.laneItems[3]?.[0]?.label).toBe('r2 204');
    expect(swapped.laneItems[3]?.every((i) => i.lane === 3)).toBe(true);
    expect(swapped.laneItems[4]?.every((i) => i.lane === 4)).toBe(true);
  });
});

describe('AlignedTimelines', () => {
  it('draws both runs on the same lanes and keeps their views in step', async () => {
    const wrapper = mount(AlignedTimelines, {
      props: { top: slowApiTrace, bottom: replayed, topLabel: 'Recorded', bottomLabel: 'Replay', dark: false, topMarkers: [{ t: 8000, label: 'diverges here' }] },
      attachTo: document.body,
    });
    const stacks = wrapper.findAll('.canvas-stack');
    expect(stacks.length).toBe(2);
    // Same lanes, so the same height: rows line up one above the other.
    expect(stacks[0]?.attributes('style')).toBe(stacks[1]?.attributes('style'));
    const labels = wrapper.findAll('canvas[role="img"]').map((c) => c.attributes('aria-label') ?? '');
    expect(labels[0]).toContain('endpoints order_status, audit');
    expect(labels[1]).toContain('endpoints order_status, audit');

    const timelines = wrapper.findAllComponents({ name: 'TraceTimeline' });
    const upper = timelines[0]?.vm as unknown as { zoomIn(): void; view: { from: number; to: number } };
    const lower = timelines[1]?.vm as unknown as { view: { from: number; to: number } };
    expect(upper.view).toEqual(fitWindow(0, 12000));
    expect(lower.view).toEqual(fitWindow(0, 12000));
    upper.zoomIn();
    await nextTick();
    await nextTick();
    expect(lower.view).toEqual(upper.view);
    expect(upper.view.to - upper.view.from).toBeCloseTo((12000 * 1.02) / 1.6);
    wrapper.unmount();
  });
});
