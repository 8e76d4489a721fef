import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import { ScenarioFile } from '../api/formats/scenario';
import { formatIssuePath } from '../api/issue-path';
import type { ScenarioEntry } from '../api/formats/scenario';
import { FormatError } from './format-error';
import type { FileIssue } from './format-error';
import { loadDocument } from './load-document';
import type { LoadedScenario } from './loaded-scenario';
import { checkScenario } from './scenario-checks';
import { toLoadedScenario } from './to-loaded-scenario';
import type { SourceDocument } from './source-document';
import { validateFlowValue } from './validate-flow';
import { loadCodeSandbox } from '../sandbox/load-code-sandbox';
import { validateMocksValue } from './validate-mocks';
import { fileIssuesFromZod } from './zod-issues';

/**
 * Loads flowbench files, each once (a suite of 1,000 scenarios on one flow parses the flow
 * once). Every failure is a FormatError listing all issues found, with file, path and line.
 */
export class FileLoader {
  private readonly flows = new Map<string, Promise<FlowFile>>();
  private readonly mocks = new Map<string, Promise<MocksFile>>();
  private readonly documents = new Map<string, SourceDocument>();

  constructor(private readonly cwd: string = process.cwd()) {}

  /** How a file is named in messages: relative to the working folder when inside it. */
  display(absPath: string): string {
    const rel = relative(this.cwd, absPath);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : absPath;
  }

  loadFlow(path: string): Promise<FlowFile> {
    const abs = resolve(this.cwd, path);
    let pending = this.flows.get(abs);
    if (!pending) {
      // Code in the flow is syntax-checked in the sandbox: loaded once per process, on first use if start-up did not.
      pending = Promise.all([this.document(abs), loadCodeSandbox()]).then(([doc]) => orThrow(validateFlowValue(doc, doc.value)));
      this.flows.set(abs, pending);
    }
    return pending;
  }

  loadMocks(path: string): Promise<MocksFile> {
    const abs = resolve(this.cwd, path);
    let pending = this.mocks.get(abs);
    if (!pending) {
      pending = this.document(abs).then((doc) => orThrow(validateMocksValue(doc, doc.value)));
      this.mocks.set(abs, pending);
    }
    return pending;
  }

  async loadScenarios(path: string): Promise<LoadedScenario[]> {
    const abs = resolve(this.cwd, path);
    await loadCodeSandbox();
    return this.scenariosOf(await this.document(abs), abs);
  }

  /** The parsed document of a file loaded before (or now), to locate paths inside it. */
  async document(path: string): Promise<SourceDocument> {
    const abs = resolve(this.cwd, path);
    const known = this.documents.get(abs);
    if (known) return known;
    const doc = await loadDocument(abs, this.display(abs));
    this.documents.set(abs, doc);
    return doc;
  }

  private async scenariosOf(doc: SourceDocument, abs: string): Promise<LoadedScenario[]> {
    const parsed = ScenarioFile.safeParse(doc.value);
    if (!parsed.success) throw new FormatError(fileIssuesFromZod(doc, parsed.error));
    const file = parsed.data;
    const entries: { entry: ScenarioEntry; path: (string | number)[] }[] = file.scenarios
      ? file.scenarios.map((entry, i) => ({ entry, path: ['scenarios', i] }))
      : [{ entry: { ...file, name: file.name ?? '' }, path: [] }];

    const issues: FileIssue[] = [];
    const loaded: LoadedScenario[] = [];
    for (const [index, { entry, path }] of entries.entries()) {
      const own = (key: 'flow' | 'mocks'): (string | number)[] => (entry[key] !== undefined ? [...path, key] : [key]);
      const flowRef = entry.flow ?? file.flow;
      const mocksRef = entry.mocks ?? file.mocks;
      const flow = await this.resolveRef(flowRef, abs, doc, own('flow'), issues, 'flow');
      const mocks = mocksRef === undefined ? null : await this.resolveRef(mocksRef, abs, doc, own('mocks'), issues, 'mocks');
      if (flowRef === undefined) {
        issues.push(doc.issue([...path, 'flow'], formatIssuePath([...path, 'flow']), 'expected a flow (in the scenario or at the top of the file)'));
      }
      if (flow === null || (mocksRef !== undefined && mocks === null)) continue;
      const scenario = toLoadedScenario({
        id: `${this.display(abs)}#${index}`,
        file: this.display(abs),
        absFile: abs,
        index,
        settings: file.scenarios ? file : {},
        entry,
        flow,
        flowPath: typeof flowRef === 'string' ? resolve(dirname(abs), flowRef) : null,
        mocks,
        mocksPath: typeof mocksRef === 'string' ? resolve(dirname(abs), mocksRef) : null,
      });
      for (const issue of checkScenario(scenario, entry, path)) {
        const located = doc.issue(issue.path, issue.pathText, issue.message);
        if (!issues.some((i) => i.path === located.path && i.message === located.message)) issues.push(located);
      }
      loaded.push(scenario);
    }
    if (issues.length > 0) throw new FormatError(issues);
    return loaded;
  }

  private async resolveRef<K extends 'flow' | 'mocks'>(
    ref: string | FlowFile | MocksFile | undefined,
    scenarioAbs: string,
    doc: SourceDocument,
    path: (string | number)[],
    issues: FileIssue[],
    kind: K,
  ): Promise<(K extends 'flow' ? FlowFile : MocksFile) | null> {
    type Out = K extends 'flow' ? FlowFile : MocksFile;
    if (ref === undefined) return null;
    try {
      if (typeof ref === 'string') {
        const target = resolve(dirname(scenarioAbs), ref);
        return (await (kind === 'flow' ? this.loadFlow(target) : this.loadMocks(target))) as Out;
      }
      const checked = kind === 'flow' ? validateFlowValue(doc, ref, path) : validateMocksValue(doc, ref, path);
      issues.push(...checked.issues);
      return checked.value as Out | null;
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      // The referenced file's own issues, plus where the scenario points at it.
      issues.push(doc.issue(path, formatIssuePath(path), `the ${kind} file '${String(ref)}' is invalid (see below)`));
      issues.push(...error.issues);
      return null;
    }
  }
}

function orThrow<T>(result: { value: T | null; issues: FileIssue[] }): T {
  if (result.value === null || result.issues.length > 0) throw new FormatError(result.issues);
  return result.value;
}
