import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../main/api/formats/results';
import type { TraceEvent } from '../../main/api/formats/trace';
import { contextsAt } from '../../main/api/trace/contexts-at';
import { pendingRequestsAt } from '../../main/api/trace/pending-requests';
import { setClient } from '../../renderer/src/api/client';
import { useRunsStore } from '../../renderer/src/stores/use-runs-store';
import { fakeClient } from './fake-client';
import { syntheticTrace } from './fixtures/synthetic-trace';

/**
 * The work bound of a scrub step, counted, not timed: how many trace events the panels'
 * state reads when the scrubber moves. A step reads a checkpoint (every 64 events) and the
 * events after it, a binary search (≈ 14 reads on 10,000 events) and one event per context
 * and per selected event, so a few hundred at most; a fold over the trace up to the
 * scrubbed time read thousands (≈ 20,000 near the end of this run: 171 with the checkpoints).
 */
const MAX_READS_PER_STEP = 250;

/** The synthetic polling run (10,000 events) with the status of each answer kept in a context. */
function pollingTrace(): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (const e of syntheticTrace(9_200)) {
    out.push(e);
    if (e.type === 'response') out.push({ type: 'context', t: e.t, name: 'poll_status', value: e.status, source: 'status' });
  }
  return out;
}

/** The trace behind a proxy that counts the reads of its events. */
function counted(trace: TraceEvent[]): { trace: TraceEvent[]; reads: () => number; reset: () => void } {
  let reads = 0;
  const proxy = new Proxy(trace, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { trace: proxy, reads: () => reads, reset: () => (reads = 0) };
}

describe('a scrub step on a 10,000-event run', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    setClient(fakeClient({ 'examples.list': () => ({ root: '/examples', files: [] }) }));
  });

  it('reads at most a few hundred trace events, and shows what the whole-trace fold shows', () => {
    const plain = pollingTrace();
    expect(plain.length).toBeGreaterThan(10_000);
    const { trace, reads, reset } = counted(plain);
    const result: ScenarioResult = {
      name: 'polling',
      file: 'scenarios/poll.scenario.yaml',
      status: 'passed',
      endState: 'end',
      clock: 'virtual',
      seed: 1,
      virtualMs: plain.at(-1)?.t ?? 0,
      wallMs: 1,
      checks: [],
      contexts: {},
      path: [],
      trace,
    };
    const runs = useRunsStore();
    runs.load({ source: { kind: 'example', file: 'scenarios/poll.scenario.yaml', index: 0, name: 'polling' }, runId: 'run-1', resultId: null, libraryFlowId: null, flowFile: null, result, appliedPatches: {} });
    /** What the Run view shows after a step. */
    const shown = () => ({
      pending: runs.pending,
      contexts: runs.contexts,
      ports: runs.portsSoFar,
      event: runs.selectedEvent === null ? null : runs.trace[runs.selectedEvent],
      inspection: runs.inspection,
      codeRun: runs.codeRun,
      module: runs.selectedModule,
    });
    shown(); // the once-per-run work (layout, rows, checkpoints) is done here

    const perStep: number[] = [];
    const step = (move: () => void) => {
      reset();
      move();
      const seen = shown();
      perStep.push(reads());
      return seen;
    };
    // From the middle of the run to the right in 100 ms steps, then from the end back in 1 s steps.
    runs.scrub(runs.model.to / 2);
    for (let i = 0; i < 60; i++) step(() => runs.step(1));
    runs.scrub(runs.model.to);
    for (let i = 0; i < 60; i++) step(() => runs.step(-1, true));
    expect(Math.max(...perStep)).toBeLessThanOrEqual(MAX_READS_PER_STEP);

    // The panels agree with the fold over the whole trace at the last step (read outside the count).
    const last = step(() => runs.step(-1, true));
    expect(last.pending).toEqual(pendingRequestsAt(plain, runs.scrubT));
    expect(last.contexts).toEqual(contextsAt(plain, runs.scrubT));
    expect(last.contexts.map((c) => c.name)).toEqual(['poll_status']);
  });
});
