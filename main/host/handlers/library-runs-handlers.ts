import type { EventPayload } from '../../api/contract';
import type { RunResultSummary } from '../../api/routes/library-runs';
import type { RouteOverride } from '../../api/formats/mocks';
import type { TraceEvent } from '../../api/formats/trace';
import { runScenarioOnClock } from '../../scenario/run-on-clock';
import { compareRuns, getResult, listRuns, recordRun, scenarioHistory, selectStoredScenarios } from '../../store/library-runs';
import type { RecordedResult } from '../../store/library-runs';
import type { Handlers } from '../dispatch';
import { HostError } from '../host-error';
import type { MockService } from '../mock-service';
import type { StoreService } from '../store-service';
import { pooledRun } from '../pooled-jobs';
import { runForWorkbench, withLivePatches } from '../workbench-runs';
import { inlineJobs } from '../../workers/job-runner';
import type { JobRunner } from '../../workers/job-runner';

/**
 * Runs of library scenarios: run and record, history per scenario, compare two runs, stored
 * results. With the workbench's mock service, real-clock runs go through its server when it
 * serves their mock set, and live patches apply when asked for.
 */
export function libraryRunsHandlers(
  service: StoreService,
  onProgress: (progress: EventPayload<'scenarios.progress'>) => void = () => {},
  workbench: { mocks: MockService; onTrace: (progress: EventPayload<'runs.trace'>) => void } | null = null,
  /** Where virtual-clock runs go: the host's worker pool (inline by default). */
  jobs: JobRunner = inlineJobs,
): Pick<Handlers, 'scenarios.run' | 'scenarios.cancelRun' | 'scenarios.history' | 'scenarios.compare' | 'results.get' | 'library.runs'> {
  /** Runs in progress by progress id: set to true to stop after the current scenario. */
  const cancelled = new Map<string, boolean>();
  return {
    'scenarios.cancelRun': (input) => {
      if (!cancelled.has(input.progressId)) return { cancelled: false };
      cancelled.set(input.progressId, true);
      return { cancelled: true };
    },
    'scenarios.run': (input) =>
      service.use(async (store) => {
        const { seed, progressId, clock, timeScale, timingToleranceMs, useMockPatches, ...filter } = input;
        const runOptions = {
          ...(seed !== undefined ? { seed } : {}),
          ...(clock !== undefined ? { clock } : {}),
          ...(timeScale !== undefined ? { timeScale } : {}),
          ...(timingToleranceMs !== undefined ? { timingToleranceMs } : {}),
        };
        const selected = selectStoredScenarios(store, filter);
        if (selected.length === 0) throw new HostError('not_found', 'no library scenario matches the filters');
        const startedAt = new Date().toISOString();
        const results: RecordedResult[] = [];
        // A data-driven scenario runs once per `each:` row: each row is a result of its own.
        const runs = selected.flatMap((stored) => stored.loaded.map((loaded) => ({ stored, loaded })));
        const patched: Record<string, RouteOverride>[] = [];
        if (progressId !== undefined) cancelled.set(progressId, false);
        let stopped = false;
        try {
          for (const { stored: scenario, loaded } of runs) {
            if (progressId !== undefined && cancelled.get(progressId) === true) {
              stopped = true;
              break;
            }
            const { scenario: effective, patches } = workbench !== null && useMockPatches === true ? withLivePatches(loaded, workbench.mocks) : { scenario: loaded, patches: {} };
            // A real-clock run shows as it goes: `runs.trace` events under `<progressId>#<scenario id>`.
            const runId = `${progressId ?? startedAt}#${scenario.row.id}${loaded.row ? `.${loaded.row.index}` : ''}`;
            let seq = 0;
            const live = workbench !== null && progressId !== undefined && (clock ?? effective.clock) === 'real';
            const result =
              (clock ?? effective.clock) === 'virtual'
                ? await pooledRun(jobs, { kind: 'run', scenario: effective, ...(seed !== undefined ? { seed } : {}) })
                : workbench === null
                  ? await runScenarioOnClock(effective, runOptions)
                  : await runForWorkbench(
                      effective,
                      workbench.mocks,
                      { ...runOptions, runId, ...(live ? { onEvent: (event: TraceEvent) => workbench.onTrace({ runId, seq: seq++, event }) } : {}) },
                      loaded,
                    );
            patched.push(patches);
            results.push({ scenarioId: scenario.row.id, result, flowSha256: scenario.flowSha256, mocksSha256: scenario.mocksSha256 });
            if (progressId !== undefined) {
              onProgress({ progressId, done: results.length, total: runs.length, scenarioId: scenario.row.id, name: result.name, status: result.status });
            }
            await new Promise<void>((resolve) => setImmediate(resolve)); // keep the host answering during a long run
          }
        } finally {
          if (progressId !== undefined) cancelled.delete(progressId);
        }
        const { run, resultIds } = recordRun(store, { startedAt, finishedAt: new Date().toISOString(), source: 'workbench', filter: input, results });
        return {
          run,
          cancelled: stopped,
          results: results.map(({ result, scenarioId }, i): RunResultSummary => ({
            resultId: resultIds[i] ?? 0,
            scenarioId: scenarioId ?? 0,
            name: result.name,
            file: result.file,
            status: result.status,
            endState: result.endState,
            virtualMs: result.virtualMs,
            wallMs: result.wallMs,
            appliedPatches: patched[i] ?? {},
          })),
        };
      }),
    'scenarios.history': (input) => service.use((store) => scenarioHistory(store, input.scenarioId, input.limit)),
    'scenarios.compare': (input) => service.use((store) => compareRuns(store, input)),
    'results.get': (input) => service.use((store) => getResult(store, input.id)),
    'library.runs': (input) => service.use((store) => listRuns(store, input.limit)),
  };
}
