import { relative, sep } from 'node:path';
import type { FlowScenarios } from '../api/routes/runs';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { inspectFiles } from '../formats/inspect-file';
import { selectStoredScenarios } from '../store/library-runs';
import type { ExampleFiles } from './example-files';
import type { MockService } from './mock-service';
import type { StoreService } from './store-service';

type Candidate = FlowScenarios['scenarios'][number];

/**
 * Which scenarios run a flow, and which of them the running mock server can answer (it
 * serves their mock set, so the Mocks view's live patches apply): "run this flow against
 * my patched mocks" in one step.
 */
export class FlowScenariosService {
  constructor(
    private readonly files: ExampleFiles,
    private readonly mocks: MockService,
    private readonly store: StoreService,
  ) {}

  async forFlow(input: { flowFile?: string | undefined; libraryFlowId?: number | undefined }): Promise<FlowScenarios> {
    const status = this.mocks.status();
    const served = status.running && status.url !== null ? { url: status.url, file: status.file, patches: status.patches } : null;
    const candidates = input.flowFile !== undefined ? await this.exampleScenarios(this.files.resolve(input.flowFile)) : await this.libraryScenarios(input.libraryFlowId ?? 0);
    // Stable: those the server serves first, each group in file (or library) order.
    const scenarios = [...candidates.filter((c) => c.servedMocks), ...candidates.filter((c) => !c.servedMocks)];
    return { served, scenarios };
  }

  private async exampleScenarios(flowFile: string): Promise<Candidate[]> {
    const files = (await inspectFiles(this.files.dir)).filter((f) => f.kind === 'scenario' && f.issues.length === 0);
    const out: Candidate[] = [];
    for (const file of files) {
      const scenarios = await this.files.scenarios(file.path).catch(() => [] as LoadedScenario[]);
      for (const s of scenarios) {
        if (s.flowPath !== flowFile) continue;
        out.push({ source: { kind: 'example', file: relative(this.files.dir, s.absFile).split(sep).join('/'), index: s.index, name: s.name }, servedMocks: this.serves(s) });
      }
    }
    return out;
  }

  private libraryScenarios(flowId: number): Promise<Candidate[]> {
    return this.store.use((store) =>
      selectStoredScenarios(store, { flowId }).map((s): Candidate => ({ source: { kind: 'library', scenarioId: s.row.id, name: s.row.name }, servedMocks: s.loaded.some((row) => this.serves(row)) })),
    );
  }

  private serves(scenario: LoadedScenario): boolean {
    return scenario.baseUrl === null && this.mocks.serves(scenario.mocks, scenario.mocksPath);
  }
}
