import { randomUUID } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { applyOverrides } from '../api/formats/mocks';
import type { RouteOverride } from '../api/formats/mocks';
import type { RunOutcome } from '../api/routes/runs';
import type { TraceEvent } from '../api/formats/trace';
import { FileLoader } from '../formats/file-loader';
import { FormatError } from '../formats/format-error';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { runScenarioOnClock } from '../scenario/run-on-clock';
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
    private readonly filesDir: string,
    private readonly mocks: MockService,
    private readonly onTrace: (runId: string, event: TraceEvent) => void,
  ) {}

  async start(request: RunRequest): Promise<RunOutcome> {
    const scenario = await this.load(request.file, request.index);
    const patches = request.useMockPatches ? this.patchesFor(scenario) : {};
    const effective: LoadedScenario = Object.keys(patches).length === 0 || !scenario.mocks
      ? scenario
      : { ...scenario, mocks: applyOverrides(applyOverrides(scenario.mocks, scenario.overrides), patches), overrides: {} };
    const runId = request.runId ?? randomUUID();
    const clock = request.clock ?? scenario.clock;
    if (request.endpointLatency !== undefined && clock === 'real') {
      throw new HostError('invalid_input', 'endpointLatency is for the virtual clock', [{ path: 'endpointLatency', message: 'not with clock: real' }]);
    }
    const result = await runScenarioOnClock(effective, {
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(request.clock !== undefined ? { clock: request.clock } : {}),
      ...(request.timeScale !== undefined ? { timeScale: request.timeScale } : {}),
      ...(request.endpointLatency !== undefined ? { endpointLatency: request.endpointLatency } : {}),
      ...(clock === 'real' ? { onEvent: (event: TraceEvent) => this.onTrace(runId, event) } : {}),
    });
    return { runId, flowFile: scenario.flowPath, result, appliedPatches: patches };
  }

  private patchesFor(scenario: LoadedScenario): Record<string, RouteOverride> {
    const served = this.mocks.servedFile();
    return served !== null && scenario.mocksPath !== null && served === scenario.mocksPath ? this.mocks.patches() : {};
  }

  private async load(file: string, index: number): Promise<LoadedScenario> {
    const path = isAbsolute(file) ? file : resolve(this.filesDir, file);
    let scenarios: LoadedScenario[];
    try {
      scenarios = await new FileLoader(this.filesDir).loadScenarios(path);
    } catch (error) {
      if (error instanceof FormatError) {
        const missing = error.issues.length === 1 && error.issues[0]?.path === '(file)';
        throw new HostError(missing ? 'not_found' : 'invalid_input', `cannot run ${file}:\n${error.message}`, error.toApiIssues());
      }
      throw error;
    }
    const scenario = scenarios[index];
    if (!scenario) throw new HostError('not_found', `${file} has ${scenarios.length} scenario(s); there is no index ${index}`);
    return scenario;
  }
}
