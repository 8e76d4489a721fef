import type { Lane, TimelineModel } from './layout';
import { fitWindow } from './view-window';
import type { ViewWindow } from './view-window';

/** A labelled vertical line across a timeline (e.g. where a replay leaves the recording). */
export interface TimelineMarker {
  t: number;
  label: string;
}

/** The one time axis several timelines share: from the earliest start to the latest end. */
export function sharedBounds(models: readonly TimelineModel[]): ViewWindow {
  if (models.length === 0) return fitWindow(0, 0);
  const from = Math.min(...models.map((m) => m.from));
  const to = Math.max(...models.map((m) => m.to));
  return fitWindow(from, to);
}

/**
 * Every lane of the models, in a common order: user, bot and modules first, then the
 * endpoints in the order the first model uses them, then those only the others use.
 */
export function unionLanes(models: readonly TimelineModel[]): Lane[] {
  const lanes: Lane[] = [];
  const seen = new Set<string>();
  for (const model of models) {
    for (const lane of model.lanes) {
      if (seen.has(lane.id)) continue;
      seen.add(lane.id);
      lanes.push(lane);
    }
  }
  const fixed = lanes.filter((l) => l.kind !== 'endpoint');
  return [...fixed, ...lanes.filter((l) => l.kind === 'endpoint')];
}

/**
 * The model redrawn with the lanes given (same ids, same order): a lane it lacks is empty, so
 * two timelines stacked one above the other have the same rows at the same heights.
 */
export function withLanes(model: TimelineModel, lanes: readonly Lane[]): TimelineModel {
  const byId = new Map(model.lanes.map((lane, index) => [lane.id, index]));
  const laneItems = lanes.map((lane, index) => {
    const from = byId.get(lane.id);
    if (from === undefined) return [];
    return (model.laneItems[from] ?? []).map((item) => (item.lane === index ? item : { ...item, lane: index }));
  });
  return { ...model, lanes: [...lanes], laneItems };
}

/** Both models on the same lanes, for drawing one above the other on one time axis. */
export function alignModels(a: TimelineModel, b: TimelineModel): { a: TimelineModel; b: TimelineModel; bounds: ViewWindow } {
  const lanes = unionLanes([a, b]);
  return { a: withLanes(a, lanes), b: withLanes(b, lanes), bounds: sharedBounds([a, b]) };
}
