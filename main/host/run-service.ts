import { randomUUID } from 'node:crypto';
import { applyOverrides } from '../api/formats/mocks';
import type { RouteOverride } from '../api/formats/mocks';
import type { RunOutcome } from '../api/routes/runs';
import type { TraceEvent } from '../api/formats/trace';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { runScenarioOnClock } from '../scenario/run-on-clock';
import type { ExampleFiles } from './example-files';
import { HostError } from './host-error';
import type { MockService } from './mock-service';

export interface RunRequest {
  file: string;
  index: number;
  seed?: number | undefined;
  clock?: 'virtual' | 'real' | undefined;
  timeScale?: number | undefined;
  useMockPatches: boolean;
  runId?: string | undefined;
  endpointLatency?: Record<string, number> | undefined;
}

/** Runs scenarios for the workbench, with the Mocks view's live patches when they apply. */
export class RunService {
  constructor(
    private readonly files: ExampleFiles,
    private readonly mocks: MockService,
    private readonly onTrace: (runId: string, seq: number, event: TraceEvent) => void,
  ) {}

  async start(request: RunRequest): Promise<RunOutcome> {
    const scenario = await this.files.scenario(request.file, request.index);
    const patches = request.useMockPatches ? this.patchesFor(scenario) : {};
    const effective: LoadedScenario = Object.keys(patches).length === 0 || !scenario.mocks
      ? scenario
      : { ...scenario, mocks: applyOverrides(applyOverrides(scenario.mocks, scenario.overrides), patches), overrides: {} };
    const runId = request.runId ?? randomUUID();
    let seq = 0;
    const clock = request.clock ?? scenario.clock;
    if (request.endpointLatency !== undefined && clock === 'real') {
      throw new HostError('invalid_input', 'endpointLatency is for the virtual clock', [{ path: 'endpointLatency', message: 'not with clock: real' }]);
    }
    const result = await runScenarioOnClock(effective, {
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(request.clock !== undefined ? { clock: request.clock } : {}),
      ...(request.timeScale !== undefined ? { timeScale: request.timeScale } : {}),
      ...(request.endpointLatency !== undefined ? { endpointLatency: request.endpointLatency } : {}),
      ...(clock === 'real' ? { onEvent: (event: TraceEvent) => this.onTrace(runId, seq++, event) } : {}),
    });
    return { runId, flowFile: scenario.flowPath, result, appliedPatches: patches };
  }

  private patchesFor(scenario: LoadedScenario): Record<string, RouteOverride> {
    const served = this.mocks.servedFile();
    return served !== null && scenario.mocksPath !== null && served === scenario.mocksPath ? this.mocks.patches() : {};
  }
}
