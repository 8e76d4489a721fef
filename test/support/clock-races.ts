import type { TraceEvent } from '../../main/api/formats/trace';
import type { LoadedScenario } from '../../main/formats/loaded-scenario';
import { runScenario } from '../../main/scenario/run-scenario';

/**
 * On the real clock two kinds of timer race. The engine's own timers (speech, waits, the
 * scripted user, no-input, module timeouts, request deadlines, hang-up) share one queue, so
 * they keep their order however late they fire. An HTTP answer is timed by the mock server
 * and comes in over a socket: a loaded machine can deliver it late, or fire the engine's
 * timer late, and swap the two when they are close. This finds, from a scenario's virtual
 * run, the closest such pair whose order decides a port: a request's answer (or would-be
 * answer, for one the bot gave up on) against its deadline, the module timeout of an await
 * waiting for it, and the caller hanging up while it is in flight.
 */
export interface ClockRace {
  request: string;
  /** When the mocks answer it (virtual ms): sent + latency (+ a slow body). */
  arrival: number;
  timer: 'deadline' | 'module timeout' | 'hang-up';
  at: number;
  /** |arrival − at|, in conversation ms. */
  gapMs: number;
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
  const add = (request: string, timer: ClockRace['timer'], at: number): void => {
    const arrival = arrivals.get(request);
    if (arrival === undefined || !Number.isFinite(arrival)) return;
    // Once the caller hung up on it, or the run ended, nothing waits for it any more: no race.
    const settled = timer === 'hang-up' ? ended : Math.min(abandoned.get(request) ?? ended, ended);
    if (Math.min(arrival, at) > settled) return;
    races.push({ request, arrival, timer, at, gapMs: Math.abs(arrival - at) });
  };
  for (const e of trace) {
    if (e.type === 'request') add(e.id, 'deadline', e.deadline);
    // A pending await gives up at `until` unless the answer comes first (until = the deadline: counted above).
    if (e.type === 'await' && e.outcome === 'pending' && e.id !== null) {
      const deadline = trace.find((r) => r.type === 'request' && r.id === e.id);
      if (deadline?.type === 'request' && e.until < deadline.deadline) add(e.id, 'module timeout', e.until);
    }
    if (e.type === 'request_abandoned') add(e.id, 'hang-up', e.t);
  }
  return races;
}
