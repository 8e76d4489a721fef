import type { TuneCandidate, TuneTable } from '../api/routes/analysis-tune';

/** End states that still served the caller; anything else (handover aside) lost the call. */
const SERVED = new Set(['end', 'awaiting_user']);

const lostProbability = (c: TuneCandidate): number =>
  c.endStates.filter((s) => s.state !== 'handover' && !SERVED.has(s.state)).reduce((sum, s) => sum + s.probability, 0);

/**
 * SPEC §7.4: among the candidates whose p95 dead air stays within `maxDeadAirMs`, the one
 * with the lowest handover probability. Ties go to the fewest calls lost otherwise (hang-ups,
 * errors), then the lower p95 dead air, then the shorter p95 call, then the grid order
 * (shorter timeout, lower counter).
 */
export function recommend(candidates: readonly TuneCandidate[], maxDeadAirMs: number): Pick<TuneTable, 'recommendation' | 'note'> {
  const eligible = candidates.map((c, index) => ({ c, index })).filter(({ c }) => c.withinDeadAir);
  if (eligible.length === 0) {
    const quietest = candidates.reduce<TuneCandidate | null>((best, c) => (best === null || (c.deadAirMs?.p95 ?? 0) < (best.deadAirMs?.p95 ?? 0) ? c : best), null);
    return {
      recommendation: null,
      note:
        quietest === null
          ? 'no candidates'
          : `no candidate keeps p95 dead air within ${maxDeadAirMs} ms; the least is ${quietest.deadAirMs?.p95 ?? 0} ms (${label(quietest)})`,
    };
  }
  const best = [...eligible].sort(
    (a, b) =>
      a.c.handoverProbability - b.c.handoverProbability ||
      lostProbability(a.c) - lostProbability(b.c) ||
      (a.c.deadAirMs?.p95 ?? 0) - (b.c.deadAirMs?.p95 ?? 0) ||
      a.c.callMs.p95 - b.c.callMs.p95 ||
      a.index - b.index,
  )[0] as { c: TuneCandidate; index: number };
  const { c } = best;
  const within = c.deadAirMs === null ? 'no dead air (not a voice flow)' : `p95 dead air within ${maxDeadAirMs} ms (this one: ${c.deadAirMs.p95} ms)`;
  const reason =
    eligible.length === 1
      ? `the only candidate with ${within}; handover ${percent(c.handoverProbability)}`
      : `lowest handover probability (${percent(c.handoverProbability)}) of the ${eligible.length} candidates with ${within}`;
  return {
    recommendation: { candidate: best.index, timeoutMs: c.timeoutMs, counterMax: c.counterMax, reason },
    note: null,
  };
}

export function label(c: Pick<TuneCandidate, 'timeoutMs' | 'counterMax'>): string {
  return c.counterMax === null ? `timeout ${c.timeoutMs} ms` : `timeout ${c.timeoutMs} ms, counter max ${c.counterMax}`;
}

export function percent(p: number): string {
  return `${(p * 100).toFixed(1)} %`;
}
