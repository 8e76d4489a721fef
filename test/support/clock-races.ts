import type { TraceEvent } from '../../main/api/formats/trace';
import type { LoadedScenario } from '../../main/formats/loaded-scenario';
import { runScenario } from '../../main/scenario/run-scenario';

/**
 * On the real clock, timers that a loaded machine can swap when they are close. An HTTP
 * answer is timed by the mock server and comes in over a socket: the engine's timers may
 * fire before or after it. Among the engine's own timers, those due at a fixed time keep
 * their order, but an await's module timeout counts from when the await was entered, which
 * a late timer before it delays, while the request's deadline counts from when it was sent.
 * This finds, from a scenario's virtual run, the pairs whose order decides a port: a
 * request's answer (or would-be answer, for one the bot gave up on) against its deadline,
 * the module timeout of an await waiting for it and the caller hanging up while it is in
 * flight; and a module timeout against the deadline of the request it waits for.
 */
export interface ClockRace {
  request: string;
  /** The two moments, in virtual ms: the answer (sent + latency, + a slow body) or a timer. */
  between: readonly [RaceSide, RaceSide];
  /** How far apart they are, in conversation ms. */
  gapMs: number;
}
export interface RaceSide {
  what: 'answer' | 'deadline' | 'module timeout' | 'hang-up';
  at: number;
}

/** The races of a scenario's virtual run, closest first (none: no request, or only hangs). */
export function clockRaces(scenario: LoadedScenario): ClockRace[] {
  const arrivals = new Map<string, number>();
  const run = runScenario(scenario, {
    onDecision: (request, decision, sentAt) => {
      const hangs = decision.kind === 'matched' && decision.fault === 'hang';
      const delay = decision.kind === 'matched' ? decision.latencyMs + decision.slowBodyMs : 0;
      arrivals.set(request.id, hangs ? Number.POSITIVE_INFINITY : sentAt + delay);
    },
  });
  return racesIn(run.trace, arrivals).sort((a, b) => a.gapMs - b.gapMs);
}

function racesIn(trace: readonly TraceEvent[], arrivals: ReadonlyMap<string, number>): ClockRace[] {
  const races: ClockRace[] = [];
  const ended = trace.findLast((e) => e.type === 'end')?.t ?? Number.POSITIVE_INFINITY;
  const abandoned = new Map(trace.flatMap((e) => (e.type === 'request_abandoned' ? [[e.id, e.t] as const] : [])));
  const deadlines = new Map(trace.flatMap((e) => (e.type === 'request' ? [[e.id, e.deadline] as const] : [])));
  const add = (request: string, a: RaceSide, b: RaceSide): void => {
    if (!Number.isFinite(a.at) || !Number.isFinite(b.at)) return;
    // Once the caller hung up on it, or the run ended, nothing waits for it any more: no race.
    const settled = b.what === 'hang-up' ? ended : Math.min(abandoned.get(request) ?? ended, ended);
    if (Math.min(a.at, b.at) > settled) return;
    races.push({ request, between: [a, b], gapMs: Math.abs(a.at - b.at) });
  };
  const answer = (id: string): RaceSide => ({ what: 'answer', at: arrivals.get(id) ?? Number.POSITIVE_INFINITY });
  for (const e of trace) {
    if (e.type === 'request') add(e.id, answer(e.id), { what: 'deadline', at: e.deadline });
    // A pending await gives up at `until` unless the answer comes first (until = the deadline: counted above).
    const deadline = e.type === 'await' && e.id !== null ? deadlines.get(e.id) : undefined;
    if (e.type === 'await' && e.outcome === 'pending' && e.id !== null && deadline !== undefined && e.until < deadline) {
      add(e.id, answer(e.id), { what: 'module timeout', at: e.until });
      add(e.id, { what: 'module timeout', at: e.until }, { what: 'deadline', at: deadline });
    }
    if (e.type === 'request_abandoned') add(e.id, answer(e.id), { what: 'hang-up', at: e.t });
  }
  return races;
}
