import type { TraceEvent } from '../formats/trace';

export type AwaitResult = 'ready' | 'routed' | 'module_timeout' | 'no_request' | 'failed' | 'open';

/**
 * One visit of an api_await: when it started checking, its own module-timeout window
 * (`start` … `start + timeoutMs`) and how it ended (SPEC §3 rule 7).
 */
export interface AwaitWindow {
  module: string;
  endpoint: string;
  requestId: string | null;
  start: number;
  timeoutMs: number;
  /** `start + timeoutMs`: where the module timeout would fire. */
  windowEnd: number;
  /** When the await stopped waiting (equals `start` when it did not wait). */
  resolvedAt: number;
  result: AwaitResult;
  /** Index in the trace of the `await` event that opened it, and of the one that closed it. */
  eventIndex: number;
  endIndex: number;
}

/** Every api_await visit of a run, in order. */
export function awaitWindows(trace: readonly TraceEvent[]): AwaitWindow[] {
  const windows: AwaitWindow[] = [];
  const waiting = new Map<string, AwaitWindow>();
  let lastT = 0;
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i] as TraceEvent;
    lastT = Math.max(lastT, e.t);
    if (e.type !== 'await') continue;
    if (e.outcome === 'routed' || e.outcome === 'module_timeout') {
      const open = waiting.get(e.module);
      if (open) {
        open.resolvedAt = e.t;
        open.result = e.outcome;
        open.endIndex = i;
        waiting.delete(e.module);
      }
      continue;
    }
    const window: AwaitWindow = {
      module: e.module,
      endpoint: e.endpoint,
      requestId: e.id,
      start: e.t,
      timeoutMs: e.timeoutMs,
      windowEnd: e.t + e.timeoutMs,
      resolvedAt: e.t,
      result: e.outcome === 'pending' ? 'open' : e.outcome,
      eventIndex: i,
      endIndex: i,
    };
    windows.push(window);
    if (e.outcome === 'pending') waiting.set(e.module, window);
  }
  for (const w of waiting.values()) w.resolvedAt = Math.max(w.start, lastT);
  return windows;
}
