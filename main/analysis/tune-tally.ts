import { quantileSorted } from 'simple-statistics';
import type { EndState } from '../api/formats/scenario';
import type { PathOutcome } from '../api/routes/analysis';
import type { TuneCandidate, TunePath, TuneSample } from '../api/routes/analysis-tune';
import type { CandidateSpec } from './tune-grid';

/** What one Monte Carlo run of a candidate gave. */
export interface TuneRunOutcome {
  outcome: PathOutcome;
  /** Longest stretch of dead air (0 when none). */
  deadAirMs: number;
  callMs: number;
  sample: TuneSample;
}

/** Counts a candidate's runs, then reports them as a table row. */
export class CandidateTally {
  private readonly states = new Map<EndState, number>();
  private readonly paths = new Map<string, TunePath>();
  private readonly deadAir: number[] = [];
  private readonly calls: number[] = [];

  constructor(
    readonly spec: CandidateSpec,
    private readonly voice: boolean,
  ) {}

  add(run: TuneRunOutcome): void {
    const { outcome } = run;
    this.states.set(outcome.endState, (this.states.get(outcome.endState) ?? 0) + 1);
    const known = this.paths.get(outcome.signature);
    if (known) known.count++;
    else this.paths.set(outcome.signature, { ...outcome, count: 1, probability: 0, sample: run.sample });
    this.deadAir.push(run.deadAirMs);
    this.calls.push(run.callMs);
  }

  /** The candidate's row: end states in `columns` order, paths most frequent first (then first seen). */
  report(columns: readonly EndState[], maxDeadAirMs: number): TuneCandidate {
    const n = this.calls.length;
    const p = (count: number): number => (n === 0 ? 0 : count / n);
    const deadAir = this.voice ? spread(this.deadAir) : null;
    return {
      timeoutMs: this.spec.timeoutMs,
      counterMax: this.spec.counterMax,
      patch: this.spec.patch,
      endStates: columns.map((state) => ({ state, count: this.states.get(state) ?? 0, probability: p(this.states.get(state) ?? 0) })),
      handoverProbability: p(this.states.get('handover') ?? 0),
      paths: [...this.paths.values()]
        .sort((a, b) => b.count - a.count || a.sample.sample - b.sample.sample)
        .map((path) => ({ ...path, probability: p(path.count) })),
      deadAirMs: deadAir,
      callMs: spread(this.calls),
      withinDeadAir: deadAir === null || deadAir.p95 <= maxDeadAirMs,
    };
  }
}

/** p50 and p95 (linear interpolation, as numpy and R's default), to the whole ms. */
function spread(values: readonly number[]): { p50: number; p95: number } {
  if (values.length === 0) return { p50: 0, p95: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: Math.round(quantileSorted(sorted, 0.5)), p95: Math.round(quantileSorted(sorted, 0.95)) };
}
