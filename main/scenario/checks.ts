import type { JsonValue } from '../api/formats/common';
import type { CheckResult } from '../api/formats/results';
import type { Expectation } from '../api/formats/scenario';
import type { InterruptionKind } from '../api/formats/flow';
import type { TraceEvent, TraceEventOf } from '../api/formats/trace';
import { callLength } from '../api/trace/call-length';
import { longestDeadAir } from '../api/trace/dead-air';
import { portChoices, visitedModules } from '../api/trace/port-choices';
import type { RunResult } from '../engine/dialog-runner';
import { judgeTiming } from './timing-tolerance';
import { checkRequests } from './request-checks';

export interface CheckOptions {
  /** Real clock: timing checks pass up to this many conversation ms over their limit (0: exact). */
  timingToleranceMs?: number;
}

/** Evaluates a scenario's expectations (SPEC §2.3) against a finished run. */
export function evaluateChecks(expectations: readonly Expectation[], run: RunResult, options: CheckOptions = {}): CheckResult[] {
  return expectations.map((expectation) => evaluate(expectation, run, options.timingToleranceMs ?? 0));
}

function evaluate(e: Expectation, run: RunResult, timingToleranceMs: number): CheckResult {
  const trace = run.trace;
  if ('ends' in e) {
    const actual = run.endReason ? `${run.endState} (${run.endReason})` : run.endState;
    return result(`ends: ${e.ends}`, run.endState === e.ends, `expected to end ${e.ends}, ended ${actual}`);
  }
  if ('visits' in e) {
    const visited = visitedModules(trace);
    const matched = subsequencePrefix(e.visits, visited);
    const ok = matched === e.visits.length;
    return result(
      `visits: ${e.visits.join(' → ')}`,
      ok,
      ok ? 'visited in order' : `missing '${e.visits[matched] ?? ''}' after ${e.visits.slice(0, matched).join(' → ') || 'the start'}; visited ${visited.join(' → ')}`,
    );
  }
  if ('port' in e) return checkPort(e.port, trace);
  if ('context' in e) {
    const wrong = Object.entries(e.context).flatMap(([name, expected]) => {
      const actual = run.contexts[name];
      if (actual === undefined) return [`${name} is not set (expected ${JSON.stringify(expected)})`];
      return deepEqual(actual, expected) ? [] : [`${name} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`];
    });
    return result(`context: ${Object.keys(e.context).join(', ')}`, wrong.length === 0, wrong.join('; ') || 'all as expected');
  }
  if ('says' in e) {
    const said = trace.flatMap((ev) => (ev.type === 'say' ? [ev.text] : []));
    const ok = said.some((text) => text.includes(e.says));
    return result(`says: "${e.says}"`, ok, ok ? 'said' : `no bot message contains it; the bot said: ${said.map((s) => `"${s}"`).join(', ') || 'nothing'}`);
  }
  if ('requests' in e) return checkRequests(e.requests, trace);
  if ('interruption' in e) return checkInterruption(e.interruption, trace);
  if ('maxCallMs' in e) {
    const length = callLength(trace);
    const timing = judgeTiming(length, e.maxCallMs, timingToleranceMs);
    return result(`maxCallMs: ${e.maxCallMs}`, timing.ok, `the call lasted ${length} ms, limit ${e.maxCallMs} ms${timing.note}`);
  }
  const longest = longestDeadAir(trace);
  const length = longest ? longest.end - longest.start : 0;
  const where = longest ? ` (${longest.start}–${longest.end} ms)` : '';
  const timing = judgeTiming(length, e.maxDeadAirMs, timingToleranceMs);
  return result(`maxDeadAirMs: ${e.maxDeadAirMs}`, timing.ok, `longest dead air ${length} ms${where}, limit ${e.maxDeadAirMs} ms${timing.note}`);
}

function checkPort(expected: { module: string; is: string; nth?: number | undefined }, trace: readonly TraceEvent[]): CheckResult {
  const exits = portChoices(trace).filter((p) => p.module === expected.module);
  const taken = exits.map((p, i) => `#${i + 1} ${p.port} (${p.reason})`).join(', ') || 'never left it';
  if (expected.nth === undefined) {
    const ok = exits.some((p) => p.port === expected.is);
    return result(`port: ${expected.module} is ${expected.is}`, ok, ok ? 'taken' : `${expected.module} exits: ${taken}`);
  }
  const exit = exits[expected.nth - 1];
  const name = `port: ${expected.module} #${expected.nth} is ${expected.is}`;
  if (!exit) return result(name, false, `${expected.module} left ${exits.length} time(s), no exit #${expected.nth}; exits: ${taken}`);
  return result(name, exit.port === expected.is, `exit #${expected.nth} took ${exit.port} (${exit.reason}), expected ${expected.is}`);
}

function checkInterruption(expected: { kind: InterruptionKind; count?: number | undefined }, trace: readonly TraceEvent[]): CheckResult {
  const seen = trace.filter((ev): ev is TraceEventOf<'interruption'> => ev.type === 'interruption' && ev.kind === expected.kind);
  const where = seen.map((ev) => `${ev.t} ms at ${ev.module}`).join(', ');
  const happened = `${expected.kind} happened ${seen.length} time(s)${where ? ` (${where})` : ''}`;
  if (expected.count === undefined) return result(`interruption: ${expected.kind}`, seen.length >= 1, happened);
  return result(`interruption: ${expected.kind} × ${expected.count}`, seen.length === expected.count, `${happened}, expected ${expected.count}`);
}

function result(check: string, ok: boolean, message: string): CheckResult {
  return { check, ok, message };
}

/** How many items of `wanted` appear in order within `seen`. */
function subsequencePrefix(wanted: readonly string[], seen: readonly string[]): number {
  let i = 0;
  for (const module of seen) if (i < wanted.length && module === wanted[i]) i++;
  return i;
}

export function deepEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i] as JsonValue));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k] as JsonValue, b[k] as JsonValue));
  }
  return false;
}
