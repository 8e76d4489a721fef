import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../main/api/formats/trace';
import { SeqTrace } from '../../renderer/src/timeline/seq-trace';
import { slowApiTrace } from './fixtures/slow-api-trace';

const at = (seq: number): TraceEvent => slowApiTrace[seq] as TraceEvent;

describe('a trace filled in by seq', () => {
  it('places live events at their index, each once', () => {
    const trace = new SeqTrace();
    expect([0, 1, 1, 2].map((seq) => trace.place(seq, at(seq)))).toEqual([true, true, false, true]);
    expect(trace.events()).toEqual(slowApiTrace.slice(0, 3));
    expect([trace.length, trace.missing]).toEqual([3, 0]);
  });

  it('shows a missed event as a hole until a snapshot of the trace brings it', () => {
    const trace = new SeqTrace();
    [0, 1, 3, 4].forEach((seq) => trace.place(seq, at(seq)));
    expect(trace.missing).toBe(1);
    expect(trace.events()).toEqual([at(0), at(1), at(3), at(4)]);
    trace.merge(slowApiTrace.slice(0, 3));
    expect(trace.missing).toBe(0);
    expect(trace.events()).toEqual(slowApiTrace.slice(0, 5));
  });

  it('merges a snapshot longer than what came live, and live events after it', () => {
    const trace = new SeqTrace();
    trace.place(0, at(0));
    trace.merge(slowApiTrace.slice(0, 6));
    expect(trace.place(5, at(5))).toBe(false);
    expect(trace.place(6, at(6))).toBe(true);
    expect(trace.events()).toEqual(slowApiTrace.slice(0, 7));
  });

  it('ignores an index that is not one', () => {
    const trace = new SeqTrace();
    expect([trace.place(-1, at(0)), trace.place(1.5, at(0))]).toEqual([false, false]);
    expect(trace.length).toBe(0);
  });
});
