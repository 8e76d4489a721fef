import type { JsonValue } from '../formats/common';
import type { CodeKind, TraceEvent } from '../formats/trace';

/** A context the code changed: set to `value`, or deleted. */
export type CodeContextChange = { name: string; value: JsonValue } | { name: string; deleted: true };

/** One run of flow code (SPEC §7.2): a lambda, or an endpoint's pre or post hook. */
export interface CodeRunView {
  kind: CodeKind;
  t: number;
  /** The lambda, or the module that sent the request (pre) or routed its response (post). */
  module: string;
  endpoint: string | null;
  /** The request a hook ran for. */
  id: string | null;
  outcome: 'ok' | 'error';
  /** The JavaScript message and line of a failed run (its `lambda_error` warning). */
  error: { message: string; line: number | null } | null;
  /** The contexts it changed, in the order they were applied. */
  changes: CodeContextChange[];
  /** A post hook that changed the response status: the status after it. */
  status: number | null;
  /** A lambda's port and its reason (`returned 'vip'`, `lambda_error: …`). */
  port: { port: string; reason: string } | null;
  /** Index in the trace of its `code` event. */
  eventIndex: number;
}

/**
 * Every run of flow code, in order, with what came of it: the context changes that follow
 * its `code` event (same time, source `lambda:<module>` / `hook:<endpoint>`), its error and
 * line, and for a lambda the port it chose.
 */
export function codeRuns(trace: readonly TraceEvent[]): CodeRunView[] {
  const runs: CodeRunView[] = [];
  let open: { run: CodeRunView; source: string } | null = null;
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i] as TraceEvent;
    if (e.type === 'code') {
      const run: CodeRunView = {
        kind: e.kind,
        t: e.t,
        module: e.module,
        endpoint: e.endpoint ?? null,
        id: e.id ?? null,
        outcome: e.outcome,
        error: null,
        changes: [],
        status: e.status ?? null,
        port: null,
        eventIndex: i,
      };
      runs.push(run);
      open = { run, source: e.kind === 'lambda' ? `lambda:${e.module}` : `hook:${e.endpoint ?? ''}` };
      continue;
    }
    if (open === null) continue;
    const { run, source } = open;
    if (e.type === 'context' && e.source === source && e.t === run.t) {
      run.changes.push(e.deleted === true || e.value === undefined ? { name: e.name, deleted: true } : { name: e.name, value: e.value });
    } else if (e.type === 'warning' && e.kind === 'lambda_error' && run.outcome === 'error' && run.error === null) {
      run.error = { message: e.message, line: e.line ?? null };
    } else if (e.type === 'port' && run.kind === 'lambda' && e.module === run.module && run.port === null) {
      run.port = { port: e.port, reason: e.reason };
      open = null;
    } else if (run.kind !== 'lambda') {
      open = null;
    }
  }
  return runs;
}
