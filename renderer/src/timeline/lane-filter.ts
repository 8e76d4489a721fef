import type { TimelineItem, TimelineModel } from './layout';

/**
 * The model with some lanes left out (by lane id): the other lanes keep their order and their
 * items, renumbered. The same model when nothing is hidden.
 */
export function filterLanes(model: TimelineModel, hidden: ReadonlySet<string>): TimelineModel {
  if (hidden.size === 0 || !model.lanes.some((l) => hidden.has(l.id))) return model;
  const keep = model.lanes.map((l, i) => [l, i] as const).filter(([l]) => !hidden.has(l.id));
  return {
    ...model,
    lanes: keep.map(([l]) => l),
    laneItems: keep.map(([, old], lane) => (model.laneItems[old] ?? []).map((item): TimelineItem => ({ ...item, lane }))),
  };
}
