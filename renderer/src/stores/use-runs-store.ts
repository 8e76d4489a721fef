import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { TraceEvent } from '../../../main/api/formats/trace';
import { lastEventAt } from '../../../main/api/trace/event-at';
import { visitedModules } from '../../../main/api/trace/port-choices';
import { useClient } from '../api/client';
import { followLive } from '../run/follow-live';
import { FAST_TIME_SCALE, newRunId } from '../run/run-source';
import type { ClockChoice, LoadedRun, RunSource } from '../run/run-source';
import { clamp, neighbourIndex, stepTime } from '../run/scrub';
import { useScrubbedState } from '../run/scrubbed-state';
import { runOverlay } from '../graph/run-overlay';
import { buildTimeline } from '../timeline/layout';
import { filterLanes } from '../timeline/lane-filter';
import { markResultReceived, markScrubStart } from '../timeline/perf-marks';
import { errorMessage } from './error-message';
import { useFlowsStore } from './use-flows-store';

/** The run on screen: its result and trace, and what the timeline's scrubber points at. */
export const useRunsStore = defineStore('runs', () => {
  const current = shallowRef<LoadedRun | null>(null);
  const running = ref(false);
  const runningLabel = ref<string | null>(null);
  const error = ref<string | null>(null);
  const useMockPatches = ref(true);
  const clock = ref<ClockChoice>('scenario');
  /** Events of a real-clock run in progress, as the host reports them (runs.trace). */
  const live = shallowRef<TraceEvent[]>([]);
  const scrubT = ref(0);
  const selectedEvent = ref<number | null>(null);
  /** A selected dead-air band (index into the model's deadAir), instead of an event. */
  const selectedDeadAir = ref<number | null>(null);
  /** Lanes the user switched off (lane ids). */
  const hiddenLanes = ref<ReadonlySet<string>>(new Set());
  /** The port choice the keyboard walks through ([ and ]), as an index into `portEvents`. */
  const selectedPort = ref<number | null>(null);
  const lastSource = ref<RunSource | null>(null);
  /** The scenario picked in the Run view (run with Ctrl+Enter). */
  const selected = ref<RunSource | null>(null);

  const trace = computed<readonly TraceEvent[]>(() => current.value?.result.trace ?? []);
  const model = computed(() => markRaw(buildTimeline(trace.value)));
  /** The model with the lanes the user switched off left out (what is drawn). */
  const shownModel = computed(() => markRaw(filterLanes(model.value, hiddenLanes.value)));
  const visited = computed(() => visitedModules(trace.value));
  const overlay = computed(() => (current.value ? markRaw(runOverlay(trace.value)) : null));
  const { choices, portEvents, portTimes, portsSoFar, pending, contexts, inspection, codeRun, deadAirSelection, selectedModule } = useScrubbedState({ trace, model, scrubT, selectedEvent, selectedDeadAir });
  const flowName = computed(() => {
    const start = trace.value[0];
    return start?.type === 'start' ? start.flow : null;
  });

  function load(run: LoadedRun): void {
    markResultReceived();
    const result = markRaw(run.result);
    current.value = markRaw({ ...run, result });
    lastSource.value = run.source;
    selectedDeadAir.value = null;
    selectedPort.value = null;
    scrubT.value = model.value.from;
    // The Selected event follows the scrubber from the start.
    selectedEvent.value = lastEventAt(trace.value, scrubT.value);
    void useFlowsStore().openForRun({ flowName: flowName.value, libraryFlowId: run.libraryFlowId, flowFile: run.flowFile });
  }

  async function run(source: RunSource): Promise<LoadedRun | null> {
    if (running.value) return null;
    running.value = true;
    runningLabel.value = source.name;
    error.value = null;
    try {
      const client = useClient();
      let loaded: LoadedRun;
      if (source.kind === 'example') {
        const runId = newRunId();
        const input = source.endpointLatency
          ? // A band of the boundary explorer: the scenario as written, in virtual time, with the latency pinned.
            { file: source.file, index: source.index, runId, useMockPatches: false, clock: 'virtual' as const, endpointLatency: source.endpointLatency }
          : { file: source.file, index: source.index, runId, useMockPatches: useMockPatches.value, ...clockInput() };
        const outcome = await followLive(runId, () => client.call('runs.start', input), showLive);
        loaded = { source, runId: outcome.runId, resultId: null, libraryFlowId: null, flowFile: outcome.flowFile, result: outcome.result, appliedPatches: outcome.appliedPatches };
      } else {
        const progressId = newRunId();
        // A real-clock run streams its events as `<progressId>#<scenario id>`.
        const recorded = await followLive(
          `${progressId}#${source.scenarioId}`,
          () => client.call('scenarios.run', { ids: [source.scenarioId], progressId, useMockPatches: useMockPatches.value, ...clockInput() }),
          showLive,
        );
        const summary = recorded.results[0];
        if (!summary) throw new Error('the host ran nothing for this scenario');
        const stored = await client.call('results.get', { id: summary.resultId });
        const scenario = await client.call('scenarios.get', { id: source.scenarioId });
        loaded = { source, runId: String(recorded.run.id), resultId: stored.id, libraryFlowId: scenario.flow.id, flowFile: null, result: stored, appliedPatches: summary.appliedPatches };
      }
      load(loaded);
      return loaded;
    } catch (e) {
      error.value = errorMessage(e);
      return null;
    } finally {
      running.value = false;
      runningLabel.value = null;
    }
  }

  function clockInput(): { clock?: 'virtual' | 'real'; timeScale?: number } {
    if (clock.value === 'scenario') return {};
    if (clock.value === 'virtual') return { clock: 'virtual' };
    return { clock: 'real', ...(clock.value === 'real-fast' ? { timeScale: FAST_TIME_SCALE } : {}) };
  }

  function showLive(events: TraceEvent[]): void {
    live.value = events;
  }

  function rerun(): Promise<LoadedRun | null> {
    return lastSource.value ? run(lastSource.value) : Promise.resolve(null);
  }

  /** Opens a result stored in the library (from the Scenarios view's history). */
  async function openStoredResult(resultId: number, scenarioId: number): Promise<boolean> {
    error.value = null;
    try {
      const client = useClient();
      const [stored, scenario] = await Promise.all([client.call('results.get', { id: resultId }), client.call('scenarios.get', { id: scenarioId })]);
      load({ source: { kind: 'library', scenarioId, name: scenario.name }, runId: String(stored.runId), resultId: stored.id, libraryFlowId: scenario.flow.id, flowFile: null, result: stored, appliedPatches: {} });
      return true;
    } catch (e) {
      error.value = errorMessage(e);
      return false;
    }
  }

  /** The "Selected event" follows the scrubber: the last event at or before the scrubbed time. */
  function follow(): void {
    selectedPort.value = null;
    selectedDeadAir.value = null;
    selectedEvent.value = lastEventAt(trace.value, scrubT.value);
  }

  function scrub(t: number): void {
    markScrubStart();
    const m = model.value;
    scrubT.value = clamp(Math.round(t), m.from, Math.max(m.to, m.from));
    follow();
  }

  function step(direction: -1 | 1, big = false): void {
    markScrubStart();
    const m = model.value;
    scrubT.value = stepTime(scrubT.value, direction, big, m.from, m.to);
    follow();
  }

  /** Selects what was clicked on the timeline and moves the scrubber where it was clicked. */
  function selectAt(eventIndex: number, t: number): void {
    markScrubStart();
    const m = model.value;
    scrubT.value = clamp(Math.round(t), m.from, Math.max(m.to, m.from));
    selectedPort.value = null;
    selectedDeadAir.value = null;
    selectedEvent.value = eventIndex;
  }

  /** Walks the trace one event at a time (the scrubber goes to its time). */
  function stepEvent(direction: -1 | 1): void {
    const n = trace.value.length;
    if (n === 0) return;
    const from = selectedEvent.value ?? lastEventAt(trace.value, scrubT.value) ?? -1;
    const next = clamp(from + direction, 0, n - 1);
    const e = trace.value[next];
    if (!e) return;
    markScrubStart();
    scrubT.value = e.t;
    selectedPort.value = null;
    selectedDeadAir.value = null;
    selectedEvent.value = next;
  }

  /** Selects a dead-air band and moves the scrubber to its start (what was pending then). */
  function selectDeadAir(index: number): void {
    const gap = model.value.deadAir[index];
    if (!gap) return;
    markScrubStart();
    scrubT.value = gap.start;
    selectedPort.value = null;
    selectedEvent.value = null;
    selectedDeadAir.value = index;
  }

  function setLaneShown(id: string, shown: boolean): void {
    const next = new Set(hiddenLanes.value);
    if (shown) next.delete(id);
    else next.add(id);
    hiddenLanes.value = next;
  }

  /**
   * Moves to the next or previous port choice: scrubs to it and selects its module. With none
   * selected, `]` takes the first one not listed yet and `[` the last one listed.
   */
  function jumpPort(direction: -1 | 1): void {
    const index = neighbourIndex(portTimes.value, selectedPort.value, scrubT.value, direction);
    if (index === null) return;
    selectPort(index);
  }

  function selectPort(index: number): void {
    const port = portEvents.value[index];
    if (!port) return;
    markScrubStart();
    scrubT.value = port.t;
    selectedPort.value = index;
    selectedDeadAir.value = null;
    selectedEvent.value = choices.value[index]?.eventIndex ?? trace.value.indexOf(port);
  }

  function selectEvent(index: number | null): void {
    selectedDeadAir.value = null;
    selectedEvent.value = index;
  }

  /** Selects a module's visit: the last one at or before the scrubbed time, else its first. */
  function selectModule(module: string): void {
    let before: number | null = null;
    let first: number | null = null;
    trace.value.forEach((e, i) => {
      if (e.type !== 'enter' || e.module !== module) return;
      first ??= i;
      if (e.t <= scrubT.value) before = i;
    });
    selectedDeadAir.value = null;
    selectedEvent.value = before ?? first;
  }

  return {
    current,
    running,
    runningLabel,
    error,
    useMockPatches,
    clock,
    live,
    scrubT,
    selectedEvent,
    selectedDeadAir,
    hiddenLanes,
    shownModel,
    choices,
    contexts,
    inspection,
    codeRun,
    deadAirSelection,
    selectAt,
    stepEvent,
    selectDeadAir,
    setLaneShown,
    selectedPort,
    selectedModule,
    lastSource,
    selected,
    trace,
    overlay,
    model,
    portEvents,
    portsSoFar,
    pending,
    visited,
    flowName,
    load,
    run,
    rerun,
    openStoredResult,
    scrub,
    step,
    jumpPort,
    selectPort,
    selectEvent,
    selectModule,
  };
});
