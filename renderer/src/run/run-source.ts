import type { RouteOverride } from '../../../main/api/formats/mocks';
import type { ScenarioResult } from '../../../main/api/formats/results';

/** Where a run came from: one scenario of an example file, or a library scenario. */
export type RunSource =
  | {
      kind: 'example';
      file: string;
      index: number;
      name: string;
      /** A fixed latency per endpoint on the virtual clock (a band of the boundary explorer). */
      endpointLatency?: Record<string, number>;
    }
  | { kind: 'library'; scenarioId: number; name: string };

export interface LoadedRun {
  source: RunSource;
  /** The host's id of the run (runs.start) or of the library run that recorded it. */
  runId: string;
  /** The stored result (library runs and results opened from the library). */
  resultId: number | null;
  /** The library flow the scenario runs, when known. */
  libraryFlowId: number | null;
  /** The flow file an example scenario ran (absolute), null when inline or from the library. */
  flowFile: string | null;
  result: ScenarioResult;
  /** Live mock patches the host applied on top of the scenario's overrides. */
  appliedPatches: Record<string, RouteOverride>;
}

export function sourceKey(source: RunSource): string {
  return source.kind === 'example' ? `example:${source.file}#${source.index}` : `library:${source.scenarioId}`;
}

/** A run id of our own, so the live events of our run are told apart from others'. */
export function newRunId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? `ui-${crypto.randomUUID()}` : `ui-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
}

/** Which clock a run uses: the scenario's own, or one forced from the Run view. */
export type ClockChoice = 'scenario' | 'virtual' | 'real' | 'real-fast';

/** Real-clock runs at this time scale when “4× faster” is picked (every delay and timeout alike). */
export const FAST_TIME_SCALE = 0.25;
