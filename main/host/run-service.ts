import { randomUUID } from 'node:crypto';
import type { RunOutcome } from '../api/routes/runs';
import type { TraceEvent } from '../api/formats/trace';
import type { ExampleFiles } from './example-files';
import { HostError } from './host-error';
import type { MockService } from './mock-service';
import { pooledRun } from './pooled-jobs';
import { runForWorkbench, withLivePatches } from './workbench-runs';
import { inlineJobs } from '../workers/job-runner';
import type { JobRunner } from '../workers/job-runner';

export interface RunRequest {
  file: string;
  index: number;
  seed?: number | undefined;
  clock?: 'virtual' | 'real' | undefined;
  timeScale?: number | undefined;
  useMockPatches: boolean;
  runId?: string | undefined;
  endpointLatency?: Record<string, number> | undefined;
  timingToleranceMs?: number | undefined;
}

/**
 * Runs example scenarios for the workbench, with the Mocks view's live patches when they
 * apply, and on the real clock through the Mocks view's server when it serves their mocks.
 */
export class RunService {
  constructor(
    private readonly files: ExampleFiles,
    private readonly mocks: MockService,
    private readonly onTrace: (runId: string, seq: number, event: TraceEvent) => void,
    /** Virtual-clock runs go to the host's worker pool (real-clock runs wait on I/O, not CPU). */
    private readonly jobs: JobRunner = inlineJobs,
  ) {}

  async start(request: RunRequest): Promise<RunOutcome> {
    const scenario = await this.files.scenario(request.file, request.index);
    const { scenario: effective, patches } = request.useMockPatches ? withLivePatches(scenario, this.mocks) : { scenario, patches: {} };
    const runId = request.runId ?? randomUUID();
    let seq = 0;
    const clock = request.clock ?? scenario.clock;
    if (request.endpointLatency !== undefined && clock === 'real') {
      throw new HostError('invalid_input', 'endpointLatency is for the virtual clock', [{ path: 'endpointLatency', message: 'not with clock: real' }]);
    }
    const result =
      clock === 'virtual'
        ? await pooledRun(this.jobs, {
            kind: 'run',
            scenario: effective,
            ...(request.seed !== undefined ? { seed: request.seed } : {}),
            ...(request.endpointLatency !== undefined ? { endpointLatency: request.endpointLatency } : {}),
          })
        : await runForWorkbench(
            effective,
            this.mocks,
            {
              runId,
              ...(request.seed !== undefined ? { seed: request.seed } : {}),
              clock,
              ...(request.timeScale !== undefined ? { timeScale: request.timeScale } : {}),
              ...(request.timingToleranceMs !== undefined ? { timingToleranceMs: request.timingToleranceMs } : {}),
              onEvent: (event: TraceEvent) => this.onTrace(runId, seq++, event),
            },
            scenario,
          );
    return { runId, flowFile: scenario.flowPath, result, appliedPatches: patches };
  }
}
