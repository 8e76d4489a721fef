import { isAbsolute, resolve } from 'node:path';
import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import { FileLoader } from '../formats/file-loader';
import { FormatError } from '../formats/format-error';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { JobFailedError, JobTimeoutError } from '../workers/job-errors';
import type { JobRunner } from '../workers/job-runner';
import type { FileAccess } from './file-access';
import { HostError } from './host-error';

/**
 * The flowbench files the workbench reads: paths relative to the examples folder (or
 * absolute). A missing file is `not_found`, an invalid one `invalid_input` with every
 * located issue. With a FileAccess, a file outside the allowed folders is `forbidden` (also
 * a flow or mocks file a scenario points at), and a file that is not a flowbench document
 * is one generic issue that shows nothing of its content.
 */
export class ExampleFiles {
  constructor(
    readonly dir: string,
    readonly access?: FileAccess,
    /** With the host's worker pool, a flow file is parsed and validated in a worker (a large one takes seconds). */
    private readonly jobs?: JobRunner,
  ) {}

  resolve(file: string): string {
    return isAbsolute(file) ? file : resolve(this.dir, file);
  }

  /** The real path of a file the API names, checked against the allowed folders (when there are any). */
  async allowed(file: string, field = 'file'): Promise<string> {
    return this.access === undefined ? this.resolve(file) : this.access.check(file, { base: this.dir, shownAs: file, field });
  }

  flow(file: string): Promise<FlowFile> {
    const jobs = this.jobs;
    if (jobs === undefined) return this.load(file, (loader, path) => loader.loadFlow(path));
    return this.load(file, async (_loader, path) => {
      let outcome;
      try {
        outcome = await jobs.run({ kind: 'loadFlow', dir: this.dir, file: path, flowbenchOnly: this.access !== undefined });
      } catch (error) {
        if (error instanceof JobTimeoutError || error instanceof JobFailedError) throw new HostError('failed', `${file}: loading the flow: ${error.message}`);
        throw error;
      }
      if (outcome.ok) return outcome.value;
      // The worker's FormatError, raised here as the loader raises it: reported below like any invalid file.
      if (outcome.refusal.fileIssues !== undefined) throw new FormatError(outcome.refusal.fileIssues);
      throw new HostError('invalid_input', `${file}: ${outcome.refusal.message}`);
    });
  }

  mocks(file: string): Promise<MocksFile> {
    return this.load(file, (loader, path) => loader.loadMocks(path));
  }

  scenarios(file: string): Promise<LoadedScenario[]> {
    return this.load(file, (loader, path) => loader.loadScenarios(path));
  }

  async scenario(file: string, index: number): Promise<LoadedScenario> {
    const scenarios = await this.scenarios(file);
    const scenario = scenarios[index];
    if (!scenario) throw new HostError('not_found', `${file} has ${scenarios.length} scenario(s); there is no index ${index}`);
    return scenario;
  }

  private async load<T>(file: string, read: (loader: FileLoader, path: string) => Promise<T>): Promise<T> {
    await this.allowed(file);
    try {
      return await read(new FileLoader(this.dir, this.access?.reader(this.dir)), this.resolve(file));
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      const missing = error.issues.length === 1 && error.issues[0]?.path === '(file)';
      throw new HostError(missing ? 'not_found' : 'invalid_input', `${file}:\n${error.message}`, error.toApiIssues());
    }
  }
}
