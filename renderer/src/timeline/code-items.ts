import type { TraceEvent } from '../../../main/api/formats/trace';
import { codeRuns } from '../../../main/api/trace/code-runs';
import type { CodeContextChange, CodeRunView } from '../../../main/api/trace/code-runs';
import { formatMs } from './format-ms';
import type { TimelineItem } from './layout';

/** A context change in words: `tier = "vip"`, `tier deleted`. */
export function describeChange(change: CodeContextChange): string {
  return 'deleted' in change ? `${change.name} deleted` : `${change.name} = ${JSON.stringify(change.value)}`;
}

function title(run: CodeRunView): string {
  return run.kind === 'lambda' ? `λ ${run.module}` : `${run.kind} hook ${run.endpoint ?? ''}`;
}

/** One marker per run of flow code (SPEC §7.2) on the code lane: what it changed, the port it chose or its error. */
export function codeItems(trace: readonly TraceEvent[], lane: number): TimelineItem[] {
  return codeRuns(trace).map((run) => {
    const detail = [`${title(run)}${run.id ? ` (request ${run.id}${run.kind === 'pre' ? ', before it was sent' : ', as its answer was routed'})` : ''} at ${formatMs(run.t)}`];
    if (run.error) detail.push(`error: ${run.error.message}${run.error.line !== null ? ` (line ${run.error.line})` : ''}`);
    if (run.changes.length > 0) detail.push(...run.changes.map((c) => `context ${describeChange(c)}`));
    else if (run.outcome === 'ok') detail.push('changed no context');
    if (run.status !== null) detail.push(`response status → ${run.status}`);
    if (run.port) detail.push(`port ${run.port.port}: ${run.port.reason}`);
    const outcome = run.outcome === 'error' ? 'error' : run.port ? `→ ${run.port.port}` : run.status !== null ? `→ ${run.status}` : run.changes.length > 0 ? `${run.changes.length} change(s)` : 'ok';
    return {
      lane,
      row: 0,
      kind: 'code',
      start: run.t,
      end: run.t,
      label: `${title(run)} ${outcome}`,
      labels: [run.kind === 'lambda' ? `λ ${outcome}` : `${run.kind} ${outcome}`, run.kind === 'lambda' ? 'λ' : run.kind],
      detail,
      module: run.module,
      eventIndex: run.eventIndex,
      tone: run.outcome === 'error' ? 'error' : 'ok',
    } satisfies TimelineItem;
  });
}
