import type { FlowCoverage, SweepResult } from '../api/routes/analysis';
import { portCoverage } from '../analysis/coverage';
import { sweepLatency } from '../analysis/sweep';
import { runScenario } from '../scenario/run-scenario';
import type { ExampleFiles } from './example-files';
import { HostError } from './host-error';

/** The boundary explorer and port coverage, for the Flows view. */
export class AnalysisService {
  constructor(private readonly files: ExampleFiles) {}

  async sweep(input: { file: string; index: number; endpoint: string; from: number; to: number; step: number }): Promise<SweepResult> {
    const scenario = await this.files.scenario(input.file, input.index);
    if (Math.floor((input.to - input.from) / input.step) > 100_000) throw new HostError('invalid_input', 'more than 100,000 grid points: use a larger step', [{ path: 'step', message: 'too small for this range' }]);
    try {
      return sweepLatency(scenario, input);
    } catch (error) {
      throw new HostError('invalid_input', error instanceof Error ? error.message : String(error), [{ path: 'endpoint', message: 'not an endpoint of the flow' }]);
    }
  }

  async coverage(files: readonly string[]): Promise<{ flows: FlowCoverage[] }> {
    const scenarios = (await Promise.all(files.map((f) => this.files.scenarios(f)))).flat();
    return { flows: portCoverage(scenarios.map((scenario) => ({ scenario, result: runScenario(scenario) }))) };
  }
}
