import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../../../main/api/formats/flow';
import type { UserStep } from '../../../main/api/formats/scenario';
import type { TraceEvent } from '../../../main/api/formats/trace';
import { callLength } from '../../../main/api/trace/call-length';
import { deadAirIntervals } from '../../../main/api/trace/dead-air';
import { requestSpans } from '../../../main/api/trace/request-spans';
import { compileMocks } from '../../../mocks/core/compile-mocks';
import { compileFlow } from '../../../main/engine/compiled-flow';
import { DialogRunner } from '../../../main/engine/dialog-runner';
import type { RunResult } from '../../../main/engine/dialog-runner';
import { InMemoryTransport } from '../../../main/engine/in-memory-transport';
import { scriptedUser, timedUser } from '../../../main/engine/user-source';
import { VirtualClock } from '../../../main/engine/virtual-clock';
import { userMessages } from '../../../main/sessions/user-timing';
import { endpoint, flow, mocks, route } from '../../support/scenario-builder';

/**
 * A voice order flow that keeps requests in flight most of the time: a blocking lookup, an
 * async status check awaited after a pause, no-input reprompts (escalating after three) and
 * a legal notice that cannot be interrupted.
 */
const voiceFlow = (noInputMs: number, withHandlers: boolean): FlowFile =>
  flow({
    channel: 'voice',
    noInputMs,
    ...(withHandlers ? { interruptions: { no_input: 'reprompt', no_link: 'sorry', loop: 'sorry' } } : {}),
    start: 'notice',
    endpoints: [endpoint('lookup', { timeoutMs: 4000 }), endpoint('status', { timeoutMs: 6000 })],
    modules: [
      { id: 'notice', type: 'say', bargeIn: false, text: 'This call is recorded', ports: { next: 'ask' } },
      { id: 'ask', type: 'say', text: 'Your order number please', ports: { next: { to: 'read', arrow: 'red' } } },
      { id: 'read', type: 'capture', save: 'order', pattern: '(\\d+)', ports: { next: 'call', nomatch: 'ask' } },
      { id: 'call', type: 'api', endpoint: 'lookup', ports: { success: 'start', failure: 'sorry' } },
      { id: 'start', type: 'api_async', endpoint: 'status', ports: { next: 'hold' } },
      { id: 'hold', type: 'say', text: 'One moment while I check that', ports: { next: 'pause' } },
      { id: 'pause', type: 'wait', ms: 1500, ports: { next: 'check' } },
      { id: 'check', type: 'api_await', endpoint: 'status', timeoutMs: 2000, ports: { success: 'tell', waiting: 'tries', failure: 'sorry' } },
      { id: 'tries', type: 'counter', name: 'n', max: 2, ports: { next: 'pause', exceeded: 'sorry' } },
      { id: 'tell', type: 'say', text: 'It is on its way. Anything else?', ports: { next: { to: 'more', arrow: 'red' } } },
      { id: 'more', type: 'capture', save: 'more', ports: { next: 'ask', nomatch: 'bye' } },
      { id: 'reprompt', type: 'condition', cases: [{ port: 'give_up', when: 'sys_no_input_count >= 3' }], ports: { give_up: 'agent', else: 'ask' } },
      { id: 'sorry', type: 'say', text: 'Let me get someone', ports: { next: 'agent' } },
      { id: 'agent', type: 'handover' },
      { id: 'bye', type: 'end' },
    ],
  });

const routes = compileMocks(
  mocks([
    route('lookup', { uniform: [100, 5000] }),
    route('status', { uniform: [500, 8000] }, { faults: [{ kind: 'hang', rate: 0.1 }] }),
  ]),
);

interface Outcome {
  result: RunResult;
  /** Tasks still on the clock when the run ended (timers, arrivals): none may be left. */
  pendingAtEnd: number;
}

function runVoice(f: FlowFile, steps: readonly UserStep[], seed: number): Outcome {
  const clock = new VirtualClock();
  const runner = new DialogRunner({
    flow: compileFlow(f),
    clock,
    transport: new InMemoryTransport({ clock, mocks: routes, seed }),
    user: scriptedUser(steps),
    seed,
    sessionId: `prop@${seed}`,
    maxDurationMs: 200_000,
  });
  let pendingAtEnd = -1;
  runner.onEnd(() => (pendingAtEnd = clock.pending));
  runner.start();
  clock.runUntilIdle();
  if (!runner.ended) throw new Error('the run never ended');
  return { result: runner.outcome as RunResult, pendingAtEnd };
}

function expectTimeMovesOn(trace: readonly TraceEvent[]): void {
  for (let i = 1; i < trace.length; i++) expect(trace[i]!.t).toBeGreaterThanOrEqual(trace[i - 1]!.t);
}

const sayStep = fc.record({ say: fc.constantFrom('12345', 'it is 42', 'no', 'order 7 please now'), afterMs: fc.integer({ min: -6000, max: 9000 }) });
const dtmfStep = fc.record({ dtmf: fc.constantFrom('1', '42#', '12345#', '*0'), afterMs: fc.integer({ min: 0, max: 9000 }) });
const hangupStep = fc.oneof(
  fc.record({ hangup: fc.record({ afterMs: fc.integer({ min: 0, max: 20_000 }) }) }),
  fc.record({ hangup: fc.record({ atMs: fc.integer({ min: 0, max: 60_000 }) }) }),
  fc.record({ hangup: fc.record({ deadAirMs: fc.integer({ min: 1, max: 10_000 }) }) }),
);
const anyStep: fc.Arbitrary<UserStep> = fc.oneof(sayStep, dtmfStep, fc.constant({ silence: true as const }), hangupStep);

describe('voice turns (fast-check)', () => {
  it('a hang-up at any time leaves no request pending and nothing on the clock; time never goes back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), (atMs, seed, handlers) => {
        const steps: UserStep[] = [{ say: '12345', afterMs: 200 }, { hangup: { atMs } }];
        const { result, pendingAtEnd } = runVoice(voiceFlow(4000, handlers), steps, seed);
        const trace = result.trace;
        expectTimeMovesOn(trace);
        expect(pendingAtEnd).toBe(0);
        expect(requestSpans(trace).filter((s) => s.outcome === 'open')).toEqual([]);
        const end = trace.at(-1);
        if (end?.type !== 'end') throw new Error('no end event');
        if (end.state === 'hangup') {
          // It hung up at its time (or at once, when the step became current later), and nothing happened after it.
          expect(end.t).toBeGreaterThanOrEqual(atMs);
          expect(callLength(trace)).toBe(end.t);
          for (const e of trace) if (e.type === 'say' && e.dropped !== true) expect(e.cutAt ?? e.end).toBeLessThanOrEqual(end.t);
        } else {
          expect(end.t).toBeLessThanOrEqual(atMs);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('random user scripts mixing every kind of step never throw, and what the views derive holds together', () => {
    fc.assert(
      fc.property(
        fc.array(anyStep, { maxLength: 8 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom(0, 1, 2500, 6000),
        fc.boolean(),
        (steps, seed, noInputMs, handlers) => {
          const f = voiceFlow(noInputMs, handlers);
          const { result, pendingAtEnd } = runVoice(f, steps, seed);
          const trace = result.trace;
          expect(['end', 'handover', 'awaiting_user', 'error', 'hangup']).toContain(result.endState);
          expect(trace.at(-1)?.type).toBe('end');
          expectTimeMovesOn(trace);
          expect(pendingAtEnd).toBe(0);
          expect(result.endState === 'hangup').toBe(steps.some((s) => 'hangup' in s) && result.endState === 'hangup');
          // Dead air lies inside the call; the call lasts at least as long as the run.
          const length = callLength(trace);
          expect(length).toBeGreaterThanOrEqual(result.virtualMs);
          for (const gap of deadAirIntervals(trace)) expect(gap.end).toBeLessThanOrEqual(length);
          // Every user event is heard or ignored; ignored words never reach a module.
          for (const u of trace) if (u.type === 'user') expect(u.end).toBeGreaterThanOrEqual(u.start);
          // The run replays from what a recording of it would keep, to the same ports and end.
          const replay = (() => {
            const clock = new VirtualClock();
            const runner = new DialogRunner({
              flow: compileFlow(f),
              clock,
              transport: new InMemoryTransport({ clock, mocks: routes, seed }),
              user: timedUser(userMessages(trace, f.speech.wpm)),
              seed,
              sessionId: `prop@${seed}`,
              maxDurationMs: 200_000,
            });
            runner.start();
            clock.runUntilIdle();
            return runner.outcome as RunResult;
          })();
          // A recorded hang-up replays at its ms ahead of anything else due then (rule 13), so what the recording did at
          // that very ms before the caller hung up is compared up to the ms before.
          const until = result.endState === 'hangup' ? result.virtualMs - 1 : Number.POSITIVE_INFINITY;
          const choices = (t: readonly TraceEvent[]): string[] =>
            t.flatMap((e) => (e.t > until ? [] : e.type === 'port' ? [`${e.module}.${e.port}`] : e.type === 'interruption' ? [`${e.kind}@${e.module}`] : []));
          expect(choices(replay.trace)).toEqual(choices(trace));
          expect([replay.endState, replay.virtualMs]).toEqual([result.endState, result.virtualMs]);
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);
});
