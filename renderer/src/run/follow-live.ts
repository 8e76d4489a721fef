import { markRaw } from 'vue';
import type { TraceEvent } from '../../../main/api/formats/trace';
import { useClient } from '../api/client';
import { SeqTrace } from '../timeline/seq-trace';

/**
 * Shows the events of our real-clock run (by its run id) as they come, until the call
 * returns: each at its index in the trace (`seq`), so the order is the trace's own. `show`
 * gets the events so far at most every 100 ms, and an empty list at the end.
 */
export async function followLive<T>(runId: string, call: () => Promise<T>, show: (events: TraceEvent[]) => void): Promise<T> {
  show([]);
  const trace = new SeqTrace();
  let changed = false;
  const stop = useClient().on('runs.trace', (payload) => {
    if (payload.runId === runId && trace.place(payload.seq, payload.event)) changed = true;
  });
  const timer = setInterval(() => {
    if (!changed) return;
    changed = false;
    show(markRaw(trace.events()));
  }, 100);
  try {
    return await call();
  } finally {
    clearInterval(timer);
    stop();
    show([]);
  }
}
