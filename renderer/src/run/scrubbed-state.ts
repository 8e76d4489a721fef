import { computed, markRaw } from 'vue';
import type { Ref } from 'vue';
import type { TraceEvent } from '../../../main/api/formats/trace';
import { choiceRows } from '../../../main/api/trace/choice-rows';
import { codeRuns } from '../../../main/api/trace/code-runs';
import type { CodeRunView } from '../../../main/api/trace/code-runs';
import { deadAirCauses } from '../../../main/api/trace/dead-air-causes';
import { inspectRequest, requestIdOf } from '../../../main/api/trace/request-inspection';
import { requestSpans } from '../../../main/api/trace/request-spans';
import type { RequestSpan } from '../../../main/api/trace/request-spans';
import { contextsAtCheckpointed, pendingRequestsAtCheckpointed, traceCheckpoints } from '../../../main/api/trace/trace-checkpoints';
import type { TimelineModel } from '../timeline/layout';
import { countAtOrBefore } from './scrub';

/** What the Run view's panels show about the scrubbed time and the selected event. */
export interface ScrubbedInputs {
  trace: Readonly<Ref<readonly TraceEvent[]>>;
  model: Readonly<Ref<TimelineModel>>;
  scrubT: Readonly<Ref<number>>;
  selectedEvent: Readonly<Ref<number | null>>;
  selectedDeadAir: Readonly<Ref<number | null>>;
}

/**
 * The panels' state, derived from the trace. Whatever depends only on the run (rows, spans,
 * checkpoints) is made once per run and kept raw (Vue does not track inside it); a scrub
 * step reads a checkpoint and fewer than 64 events after it, never the whole trace.
 */
export function useScrubbedState({ trace, model, scrubT, selectedEvent, selectedDeadAir }: ScrubbedInputs) {
  /** Port choices and the interruptions that sent the bot to a handler, in order. */
  const choices = computed(() => markRaw(choiceRows(trace.value)));
  const portEvents = computed(() => markRaw(choices.value.map((c) => c.event)));
  const portTimes = computed(() => markRaw(choices.value.map((c) => c.t)));
  const checkpoints = computed(() => markRaw(traceCheckpoints(trace.value)));
  const spans = computed(() => markRaw(requestSpans(trace.value)));
  const spanById = computed(() => markRaw(new Map<string, RequestSpan>(spans.value.map((s) => [s.id, s]))));
  const codeRunList = computed(() => markRaw(codeRuns(trace.value)));

  /** Port choices made at or before the scrubbed time. */
  const portsSoFar = computed(() => countAtOrBefore(portTimes.value, scrubT.value));
  const pending = computed(() => pendingRequestsAtCheckpointed(checkpoints.value, scrubT.value));
  /** The contexts as of the scrubbed time. */
  const contexts = computed(() => contextsAtCheckpointed(checkpoints.value, scrubT.value));

  const selected = computed<TraceEvent | null>(() => (selectedEvent.value === null ? null : (trace.value[selectedEvent.value] ?? null)));
  /** The request the selected event belongs to, inspected: what was sent, what came back, when. */
  const inspection = computed(() => {
    const e = selected.value;
    const id = e ? requestIdOf(e) : null;
    return id === null ? null : inspectRequest(trace.value, id, spans.value, codeRunList.value);
  });
  /** The run of flow code the selected event belongs to (its `code` event, a context it set, its warning). */
  const codeRun = computed<CodeRunView | null>(() => {
    const i = selectedEvent.value;
    const e = selected.value;
    if (i === null || !e || (e.type !== 'code' && !(e.type === 'context' && (e.source.startsWith('lambda:') || e.source.startsWith('hook:'))) && !(e.type === 'warning' && e.kind === 'lambda_error'))) return null;
    let found: CodeRunView | null = null;
    for (const run of codeRunList.value) if (run.eventIndex <= i) found = run;
    return found;
  });
  const deadAirSelection = computed(() => {
    const gap = selectedDeadAir.value === null ? undefined : model.value.deadAir[selectedDeadAir.value];
    return gap ? deadAirCauses(trace.value, gap) : null;
  });
  /** The module of the selected event; a response or failure belongs to the module that sent the request. */
  const selectedModule = computed<string | null>(() => {
    const e = selected.value;
    if (!e) return null;
    if (e.type === 'response' || e.type === 'request_failed') return spanById.value.get(e.id)?.module ?? null;
    return 'module' in e && typeof e.module === 'string' ? e.module : null;
  });

  return { choices, portEvents, portTimes, portsSoFar, pending, contexts, selected, inspection, codeRun, deadAirSelection, selectedModule };
}

