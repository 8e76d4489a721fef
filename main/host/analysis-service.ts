import { isAbsolute, resolve } from 'node:path';
import type { FlowCoverage, SweepResult } from '../api/routes/analysis';
import { portCoverage } from '../analysis/coverage';
import { sweepLatency } from '../analysis/sweep';
import { FileLoader } from '../formats/file-loader';
import { FormatError } from '../formats/format-error';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { runScenario } from '../scenario/run-scenario';
import { HostError } from './host-error';

/** The boundary explorer and port coverage, for the Flows view. */
export class AnalysisService {
  constructor(private readonly filesDir: string) {}

  async sweep(input: { file: string; index: number; endpoint: string; from: number; to: number; step: number }): Promise<SweepResult> {
    const scenario = (await this.load(input.file))[input.index];
    if (!scenario) throw new HostError('not_found', `${input.file} has no scenario at index ${input.index}`);
    if (Math.floor((input.to - input.from) / input.step) > 100_000) throw new HostError('invalid_input', 'more than 100,000 grid points: use a larger step', [{ path: 'step', message: 'too small for this range' }]);
    try {
      return sweepLatency(scenario, input);
    } catch (error) {
      throw new HostError('invalid_input', error instanceof Error ? error.message : String(error), [{ path: 'endpoint', message: 'not an endpoint of the flow' }]);
    }
  }

  async coverage(files: readonly string[]): Promise<{ flows: FlowCoverage[] }> {
    const scenarios = (await Promise.all(files.map((f) => this.load(f)))).flat();
    return { flows: portCoverage(scenarios.map((scenario) => ({ scenario, result: runScenario(scenario) }))) };
  }

  private async load(file: string): Promise<LoadedScenario[]> {
    try {
      return await new FileLoader(this.filesDir).loadScenarios(isAbsolute(file) ? file : resolve(this.filesDir, file));
    } catch (error) {
      if (error instanceof FormatError) throw new HostError('invalid_input', error.message, error.toApiIssues());
      throw error;
    }
  }
}
