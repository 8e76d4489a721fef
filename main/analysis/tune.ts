import type { Latency } from '../api/formats/mocks';
import { EndState } from '../api/formats/scenario';
import type { LatencyFit, TuneTable } from '../api/routes/analysis-tune';
import { callLength } from '../api/trace/call-length';
import { longestDeadAir } from '../api/trace/dead-air';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { describeLatency, sampleLatency } from '../../mocks/core/latency';
import { hashKeys, requestDraws } from '../../mocks/core/seeded-rng';
import { runScenario } from '../scenario/run-scenario';
import { patchFlow, tuneTargets } from './await-loop';
import { endpointOf } from './endpoint-requests';
import { pathOutcome } from './path-outcome';
import { runDependsOnSeed } from './seed-dependence';
import { candidateGrid, defaultTimeouts } from './tune-grid';
import { recommend } from './tune-recommend';
import { CandidateTally } from './tune-tally';
import type { TuneRunOutcome } from './tune-tally';

export interface TuneOptions {
  endpoint: string;
  model: Latency;
  /** The fit the model came from, when it came from observations. */
  fit?: LatencyFit | null;
  /** Await timeouts to try (default: `defaultTimeouts`). */
  timeouts?: readonly number[] | undefined;
  /** Loop counter max values to try (default: the flow's own). */
  counters?: readonly number[] | undefined;
  samples: number;
  seed: number;
  maxDeadAirMs: number;
  /** Only this api_await of the endpoint (default: all of them). */
  await?: string | undefined;
}

export interface TuneHooks {
  onProgress?: (done: number, total: number) => void;
  /** Awaited every few hundred runs: lets a server or a progress bar breathe. */
  pause?: () => Promise<void>;
  /** Checked at each pause; true stops the tune (it throws). */
  cancelled?: () => boolean;
}

const PAUSE_EVERY = 250;

/** The seed of sample `i`: a pure function of the tune's seed and `i`, like the mocks' draws. */
export function sampleSeed(seed: number, i: number): number {
  return hashKeys(seed, ['tune', 'run', i]);
}

/** The endpoint latency of sample `i`, drawn from the model as the mocks draw theirs. */
export function sampleLatencyOf(model: Latency, endpoint: string, seed: number, i: number): number {
  return sampleLatency(model, i, requestDraws(seed, `tune:${endpoint}`, i));
}

/**
 * Timeout tuning (SPEC §7.4): seeded Monte Carlo over a grid of await `timeoutMs` and loop
 * counter `max`. Sample i draws the endpoint's latency from the model (pinned for that run,
 * as the boundary explorer pins it) and gets its own seed, so whatever else is random in the
 * mocks (fault rates, other routes' latencies, random picks) is sampled too. Every candidate
 * sees the same samples (common random numbers): the differences between rows come from the
 * timeouts, not from noise. Same scenario, options and seed → the same table.
 */
export async function tuneTimeouts(scenario: LoadedScenario, options: TuneOptions, hooks: TuneHooks = {}): Promise<TuneTable> {
  const endpoint = endpointOf(scenario.flow, options.endpoint);
  const targets = tuneTargets(scenario.flow, endpoint.id, options.await);
  if (options.counters !== undefined && targets.counters.length === 0) {
    throw new Error(`no counter on the await loop of ${targets.awaits.map((a) => a.id).join(', ')}: --counter has nothing to change`);
  }
  const timeouts = options.timeouts ?? defaultTimeouts(endpoint.timeoutMs, targets.awaits.map((a) => a.timeoutMs));
  const specs = candidateGrid(targets, timeouts, options.counters ?? null);
  const voice = scenario.flow.channel === 'voice';
  const samples = Array.from({ length: options.samples }, (_, k) => {
    const i = k + 1;
    return { sample: i, latencyMs: sampleLatencyOf(options.model, endpoint.id, options.seed, i), seed: sampleSeed(options.seed, i) };
  });
  const total = specs.length * samples.length;
  // Runs that cannot depend on their seed are the same for the same latency: run each latency once.
  const reuse = !runDependsOnSeed(scenario, endpoint.id);
  let done = 0;
  let simulated = 0;
  const tallies: CandidateTally[] = [];
  for (const spec of specs) {
    // Checks are not evaluated: the table is about where calls go, not about the scenario's expectations.
    const candidate: LoadedScenario = { ...scenario, flow: patchFlow(scenario.flow, spec.patch), expect: [] };
    const tally = new CandidateTally(spec, voice);
    const seen = new Map<number, Omit<TuneRunOutcome, 'sample'>>();
    for (const sample of samples) {
      let run = reuse ? seen.get(sample.latencyMs) : undefined;
      if (run === undefined) {
        simulated++;
        const result = runScenario(candidate, { seed: sample.seed, endpointLatency: { [endpoint.id]: sample.latencyMs } });
        const longest = voice ? longestDeadAir(result.trace) : null;
        run = { outcome: pathOutcome(result, candidate.flow), deadAirMs: longest ? longest.end - longest.start : 0, callMs: callLength(result.trace) };
        if (reuse) seen.set(sample.latencyMs, run);
      }
      tally.add({ ...run, sample });
      done++;
      if (done % PAUSE_EVERY === 0) {
        hooks.onProgress?.(done, total);
        if (hooks.pause) await hooks.pause();
        if (hooks.cancelled?.()) throw new TuneCancelled(done, total);
      }
    }
    tallies.push(tally);
  }
  hooks.onProgress?.(total, total);
  const columns = EndState.options;
  const candidates = tallies.map((t) => t.report(columns, options.maxDeadAirMs));
  return {
    scenario: scenario.name,
    file: scenario.file,
    endpoint: endpoint.id,
    awaits: targets.awaits,
    counters: targets.counters,
    latency: { model: options.model, description: describeLatency(options.model), fit: options.fit ?? null },
    samples: options.samples,
    seed: options.seed,
    maxDeadAirMs: options.maxDeadAirMs,
    runs: total,
    simulated,
    endStates: [...columns],
    candidates,
    ...recommend(candidates, options.maxDeadAirMs),
  };
}

export class TuneCancelled extends Error {
  override readonly name = 'TuneCancelled';
  constructor(
    readonly done: number,
    readonly total: number,
  ) {
    super(`stopped after ${done} of ${total} runs`);
  }
}
