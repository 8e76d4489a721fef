import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import { ScenarioFile } from '../api/formats/scenario';
import { formatIssuePath } from '../api/issue-path';
import type { ScenarioEntry } from '../api/formats/scenario';
import { oversizedCollections } from './collection-limits';
import { FormatError } from './format-error';
import type { FileIssue } from './format-error';
import { loadDocument } from './load-document';
import { expandEntry, fileWithoutRowFields, rowCheckIssues, topLevelEachIssue, withRow } from './each-expansion';
import type { RawScope } from './each-expansion';
import type { LoadedScenario, ScenarioRow } from './loaded-scenario';
import { checkScenario } from './scenario-checks';
import type { ScenarioIssue } from './scenario-checks';
import { toLoadedScenario } from './to-loaded-scenario';
import type { SourceDocument } from './source-document';
import { locatedIssues, validateFlowValue } from './validate-flow';
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

  /**
   * `read` reads and parses one file (default `loadDocument`); the workbench host passes one
   * that first checks the path may be read and says nothing of non-flowbench content.
   */
  constructor(
    private readonly cwd: string = process.cwd(),
    private readonly read: (absPath: string, displayName: string) => Promise<SourceDocument> = loadDocument,
  ) {}

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
    const doc = await this.read(abs, this.display(abs));
    this.documents.set(abs, doc);
    return doc;
  }

  private async scenariosOf(doc: SourceDocument, abs: string): Promise<LoadedScenario[]> {
    const oversized = locatedIssues(doc, [], oversizedCollections('scenario', doc.value));
    if (oversized.length > 0) throw new FormatError(oversized);
    // Data-driven scenarios (`each:`) are checked without the parts their rows fill in, then row by row.
    const parsed = ScenarioFile.safeParse(fileWithoutRowFields(doc.value));
    if (!parsed.success) throw new FormatError(fileIssuesFromZod(doc, parsed.error));
    const file = parsed.data;
    const raw = asRecord(doc.value);
    const rawList = Array.isArray(raw['scenarios']) ? raw['scenarios'] : [];
    const entries: { entry: ScenarioEntry; path: (string | number)[]; own: RawScope }[] = file.scenarios
      ? file.scenarios.map((entry, i) => ({ entry, path: ['scenarios', i], own: { raw: asRecord(rawList[i]), path: ['scenarios', i] } }))
      : [{ entry: { ...file, name: file.name ?? '' }, path: [], own: { raw, path: [] } }];
    const top: RawScope | null = file.scenarios ? { raw, path: [] } : null;

    const issues: FileIssue[] = [];
    const add = (issue: ScenarioIssue): void => {
      const located = doc.issue(issue.path, issue.pathText, issue.message);
      if (!issues.some((i) => i.path === located.path && i.message === located.message)) issues.push(located);
    };
    const misplaced = topLevelEachIssue(file);
    if (misplaced) add(misplaced);
    const loaded: LoadedScenario[] = [];
    for (const { entry, path, own } of entries) {
      const ownRef = (key: 'flow' | 'mocks'): (string | number)[] => (entry[key] !== undefined ? [...path, key] : [key]);
      const flowRef = entry.flow ?? file.flow;
      const mocksRef = entry.mocks ?? file.mocks;
      const flow = await this.resolveRef(flowRef, abs, doc, ownRef('flow'), issues, 'flow');
      const mocks = mocksRef === undefined ? null : await this.resolveRef(mocksRef, abs, doc, ownRef('mocks'), issues, 'mocks');
      if (flowRef === undefined) {
        issues.push(doc.issue([...path, 'flow'], formatIssuePath([...path, 'flow']), 'expected a flow (in the scenario or at the top of the file)'));
      }
      if (flow === null || (mocksRef !== undefined && mocks === null)) continue;
      const expansion = expandEntry(entry, own, top);
      expansion.issues.forEach(add);
      const runs: { row: ScenarioRow | null; issues: ScenarioIssue[] }[] = [];
      for (const run of expansion.entries) {
        const index = loaded.length;
        const scenario = withRow(
          toLoadedScenario({
            id: `${this.display(abs)}#${index}`,
            file: this.display(abs),
            absFile: abs,
            index,
            settings: file.scenarios ? file : {},
            entry: run.entry,
            flow,
            flowPath: typeof flowRef === 'string' ? resolve(dirname(abs), flowRef) : null,
            mocks,
            mocksPath: typeof mocksRef === 'string' ? resolve(dirname(abs), mocksRef) : null,
          }),
          run.row,
        );
        runs.push({ row: run.row, issues: checkScenario(scenario, run.entry, path) });
        loaded.push(scenario);
      }
      rowCheckIssues(runs).forEach(add);
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

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
