import type { FlowCoverage, SweepResult } from '../api/routes/analysis';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { selectStoredScenarios } from '../store/library-runs';
import { inlineJobs } from '../workers/job-runner';
import type { JobRunner } from '../workers/job-runner';
import type { ExampleFiles } from './example-files';
import { HostError } from './host-error';
import { pooledValue } from './pooled-jobs';
import type { StoreService } from './store-service';

const MAX_GRID_POINTS = 100_000;

/** The boundary explorer and port coverage, over example files or library scenarios. */
export class AnalysisService {
  constructor(
    private readonly files: ExampleFiles,
    private readonly store: StoreService,
    /** The runs go to the host's worker pool (inline by default). */
    private readonly jobs: JobRunner = inlineJobs,
  ) {}

  async sweep(input: {
    file?: string | undefined;
    index: number;
    scenarioId?: number | undefined;
    endpoint: string;
    from: number;
    to: number;
    step: number;
  }): Promise<SweepResult> {
    if (Math.floor((input.to - input.from) / input.step) > MAX_GRID_POINTS) {
      throw new HostError('invalid_input', `more than ${MAX_GRID_POINTS} grid points: use a larger step`, [{ path: 'step', message: 'too small for this range' }]);
    }
    const scenario =
      input.scenarioId !== undefined ? (await this.library([input.scenarioId]))[0]?.scenario : await this.files.scenario(input.file ?? '', input.index);
    if (!scenario) throw new HostError('not_found', `no scenario ${input.scenarioId ?? ''} in the library`);
    return pooledValue(this.jobs, { kind: 'sweep', scenario, endpoint: input.endpoint, from: input.from, to: input.to, step: input.step }, 'endpoint');
  }

  async coverage(input: { files: readonly string[]; scenarioIds: readonly number[]; library: boolean }): Promise<{ flows: FlowCoverage[] }> {
    const fromFiles = (await Promise.all(input.files.map((f) => this.files.scenarios(f)))).flat().map((scenario) => ({ scenario }));
    const fromLibrary = input.library ? await this.library(undefined) : input.scenarioIds.length > 0 ? await this.library(input.scenarioIds) : [];
    return pooledValue(this.jobs, { kind: 'coverage', runs: [...fromFiles, ...fromLibrary] }, 'files');
  }

  /** Library scenarios by id (all of them for undefined), resolved like files, with their ids. */
  private library(ids: readonly number[] | undefined): Promise<{ scenario: LoadedScenario; scenarioId: number }[]> {
    return this.store.use((store) =>
      selectStoredScenarios(store, ids === undefined ? {} : { ids }).flatMap((s) => s.loaded.map((scenario) => ({ scenario, scenarioId: s.row.id }))),
    );
  }
}
