import { isAbsolute, resolve } from 'node:path';
import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import { FileLoader } from '../formats/file-loader';
import { FormatError } from '../formats/format-error';
import type { LoadedScenario } from '../formats/loaded-scenario';
import type { JobOf, JobValueOf } from '../workers/job-contract';
import type { JobRunner } from '../workers/job-runner';
import { unpackScenarios } from '../workers/scenario-set';
import type { FileAccess } from './file-access';
import { HostError } from './host-error';
import { pooledFileValue } from './pooled-jobs';

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
    /** With the host's worker pool, files are parsed and validated in a worker (a large one takes seconds). */
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
    return this.load(file, 'loadFlow', (loader, path) => loader.loadFlow(path), (value) => value);
  }

  mocks(file: string): Promise<MocksFile> {
    return this.load(file, 'loadMocks', (loader, path) => loader.loadMocks(path), (value) => value);
  }

  scenarios(file: string): Promise<LoadedScenario[]> {
    return this.load(file, 'loadScenarios', (loader, path) => loader.loadScenarios(path), unpackScenarios);
  }

  /** One scenario of a file; from the pool, the worker sends back that one only. */
  async scenario(file: string, index: number): Promise<LoadedScenario> {
    const { total, scenarios } = await this.load(
      file,
      'loadScenarios',
      async (loader, path) => {
        const all = await loader.loadScenarios(path);
        return { total: all.length, scenarios: all.slice(index, index + 1) };
      },
      (set) => ({ total: set.total, scenarios: unpackScenarios(set) }),
      { only: index },
    );
    const scenario = scenarios[0];
    if (!scenario) throw new HostError('not_found', `${file} has ${total} scenario(s); there is no index ${index}`);
    return scenario;
  }

  /**
   * A file read, parsed and validated: in a pool worker when the host has one (a large file
   * takes seconds and much memory, and the worker checks every file it reads against the
   * allowed folders as the host would), else here with `read`.
   */
  private async load<K extends 'loadFlow' | 'loadMocks' | 'loadScenarios', T>(
    file: string,
    kind: K,
    read: (loader: FileLoader, path: string) => Promise<T>,
    fromJob: (value: JobValueOf<K>) => T,
    options: { only?: number } = {},
  ): Promise<T> {
    await this.allowed(file);
    const path = this.resolve(file);
    try {
      if (this.jobs === undefined) return await read(new FileLoader(this.dir, this.access?.reader(this.dir)), path);
      const folders = this.access === undefined ? null : await this.access.folders();
      // The three loading jobs have one shape; TypeScript cannot narrow JobOf<K> for a generic K.
      return fromJob(await pooledFileValue(this.jobs, { kind, dir: this.dir, file: path, folders, ...options } as JobOf<K>, file));
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      const missing = error.issues.length === 1 && error.issues[0]?.path === '(file)';
      throw new HostError(missing ? 'not_found' : 'invalid_input', `${file}:\n${error.message}`, error.toApiIssues());
    }
  }
}
