import type { ModulePatch, TuneTargets } from './await-loop';

/** How many steps the default grid has between 1000 ms and the endpoint timeout. */
const DEFAULT_STEPS = 8;
const GRID_UNIT = 250;

/**
 * The default await timeouts to try: from 1000 ms (or one step, when the endpoint timeout is
 * shorter) up to the endpoint timeout, in about eight steps rounded to 250 ms, plus the
 * flow's own values. An await longer than its endpoint timeout cannot wait longer (the
 * endpoint timeout still fires: SPEC §1), so the grid stops there.
 */
export function defaultTimeouts(endpointTimeoutMs: number, current: readonly number[]): number[] {
  const step = Math.max(GRID_UNIT, Math.round((endpointTimeoutMs - 1000) / DEFAULT_STEPS / GRID_UNIT) * GRID_UNIT);
  const from = endpointTimeoutMs > 1000 ? 1000 : step;
  const values: number[] = [];
  for (let t = from; t <= endpointTimeoutMs; t += step) values.push(t);
  if (values[values.length - 1] !== endpointTimeoutMs) values.push(endpointTimeoutMs);
  return sortedUnique([...values, ...current]);
}

export interface CandidateSpec {
  timeoutMs: number;
  counterMax: number | null;
  patch: ModulePatch;
}

/** Every timeout × counter pair, timeouts first; each with the flow patch it stands for. */
export function candidateGrid(targets: TuneTargets, timeouts: readonly number[], counters: readonly number[] | null): CandidateSpec[] {
  const maxes: (number | null)[] = targets.counters.length === 0 ? [null] : sortedUnique(counters ?? targets.counters.map((c) => c.max));
  const out: CandidateSpec[] = [];
  for (const timeoutMs of sortedUnique(timeouts)) {
    for (const counterMax of maxes) {
      const patch: Record<string, { timeoutMs?: number; max?: number }> = {};
      for (const a of targets.awaits) patch[a.id] = { timeoutMs };
      if (counterMax !== null) for (const c of targets.counters) patch[c.id] = { max: counterMax };
      out.push({ timeoutMs, counterMax, patch });
    }
  }
  return out;
}

function sortedUnique(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}
