import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import { ScenarioEntry, ScenarioFile } from '../api/formats/scenario';
import { formatIssuePath } from '../api/issue-path';
import type { ScenarioSettings } from '../api/routes/library-scenarios';
import type { FileIssue } from '../formats/format-error';
import { withoutRowFields } from '../api/formats/each-rows';
import { expandEntry, fileWithoutRowFields, rowCheckIssues, topLevelEachIssue, withRow } from '../formats/each-expansion';
import type { LoadedScenario, ScenarioRow } from '../formats/loaded-scenario';
import { checkScenario } from '../formats/scenario-checks';
import type { ScenarioIssue } from '../formats/scenario-checks';
import type { SourceDocument } from '../formats/source-document';
import { validateFlowValue } from '../formats/validate-flow';
import { validateMocksValue } from '../formats/validate-mocks';
import { fileIssuesFromZod } from '../formats/zod-issues';
import { toLoadedScenario } from '../formats/to-loaded-scenario';

type Path = (string | number)[];

/** A flow or mock set a scenario points at by path: `key` names it (library path, or file path on import). */
export interface RefTarget<T> {
  key: string;
  value: T;
  absPath: string | null;
}

/** Finds what a `flow:` / `mocks:` path names; an `error` is reported at the scenario's `flow` path. */
export interface RefResolver {
  flow(ref: string): RefTarget<FlowFile> | { error: string };
  mocks(ref: string): RefTarget<MocksFile> | { error: string };
}

/** A flow or mock set as a scenario gets it: a library item (`key`) or written inline (`key` null). */
export interface Resolved<T> {
  key: string | null;
  value: T;
  absPath: string | null;
}

export interface ResolvedEntry {
  index: number;
  /** As written, without `flow`/`mocks` when they are paths (see ownFlowKey / ownMocksKey). */
  raw: Record<string, unknown>;
  entry: ScenarioEntry;
  ownFlowKey: string | null;
  ownMocksKey: string | null;
  /** The library flow / mock set it runs with (its own, else its file's); null when inline or none. */
  flowKey: string | null;
  mocksKey: string | null;
  /** The scenario ready to run: one per `each:` row for a data-driven scenario. */
  loaded: LoadedScenario[];
}

export interface ResolvedScenarioFile {
  layout: 'single' | 'list';
  /** Top-level settings as written, without format, scenarios and path refs. */
  settingsRaw: Record<string, unknown>;
  settings: ScenarioSettings;
  flowKey: string | null;
  mocksKey: string | null;
  entries: ResolvedEntry[];
}

export interface ScenarioOrigin {
  /** How the file is named in ids, results and messages. */
  file: string;
  absFile: string;
}

/** The file-level flow and mocks: resolved when first needed (a file whose scenarios all bring their own never resolves them). */
export interface FileLevel {
  settings: ScenarioSettings;
  /** Whether the file sets a flow / mocks at the top (a path or inline). */
  hasFlow: boolean;
  hasMocks: boolean;
  flow: () => Resolved<FlowFile> | null;
  mocks: () => Resolved<MocksFile> | null;
  /** The settings as written, for `each:` rows to fill in what a scenario takes from its file. */
  raw?: Record<string, unknown>;
}

export interface Resolution<T> {
  value: T | null;
  issues: FileIssue[];
}

/**
 * Checks a whole scenario file the way FileLoader does (schema, then each scenario with its
 * flow and mocks: overrides, checks, clock), resolving `flow:`/`mocks:` paths with `refs`.
 */
export function resolveScenarioFile(doc: SourceDocument, refs: RefResolver, origin: ScenarioOrigin): Resolution<ResolvedScenarioFile> {
  const parsed = ScenarioFile.safeParse(fileWithoutRowFields(doc.value));
  if (!parsed.success) return { value: null, issues: fileIssuesFromZod(doc, parsed.error) };
  const file = parsed.data;
  const raw = asRecord(doc.value);
  const issues: FileIssue[] = [];
  const misplaced = topLevelEachIssue(file);
  if (misplaced) issues.push(doc.issue(misplaced.path, misplaced.pathText, misplaced.message));
  const list = file.scenarios !== undefined;
  const { format: _format, scenarios: _scenarios, ...top } = raw;
  const settingsRaw = list ? stripRefs(top) : {};
  const { format: _f, scenarios: _s, ...settings } = file;
  const fileSettings: ScenarioSettings = list ? settings : {};

  const fileLevel = list
    ? { ...fileLevelOf(doc, fileSettings, [], refs, issues), raw: top }
    : { settings: fileSettings, hasFlow: false, hasMocks: false, flow: () => null, mocks: () => null };
  const rawEntries = list ? (Array.isArray(raw['scenarios']) ? raw['scenarios'] : []) : [top];
  const entries = list
    ? (file.scenarios ?? []).map((entry, i) => ({ entry, raw: asRecord(rawEntries[i]), path: ['scenarios', i] as Path, index: i }))
    : [{ entry: { ...settings, name: file.name ?? '' }, raw: top, path: [] as Path, index: 0 }];

  const resolved: ResolvedEntry[] = [];
  for (const input of entries) {
    const entry = resolveEntry(doc, input, fileLevel, refs, origin, issues);
    if (entry !== null) resolved.push(entry);
  }
  if (issues.length > 0) return { value: null, issues };
  return {
    value: {
      layout: list ? 'list' : 'single',
      settingsRaw,
      settings: fileSettings,
      flowKey: list && typeof file.flow === 'string' ? (fileLevel.flow()?.key ?? null) : null,
      mocksKey: list && typeof file.mocks === 'string' ? (fileLevel.mocks()?.key ?? null) : null,
      entries: resolved,
    },
    issues,
  };
}

/** Checks one scenario given through the API (at `prefix` in the input) against its file's settings. */
export function resolveScenarioEntry(
  doc: SourceDocument,
  prefix: Path,
  index: number,
  fileLevel: FileLevel,
  refs: RefResolver,
  origin: ScenarioOrigin,
): Resolution<ResolvedEntry> {
  const raw = doc.value;
  const parsed = ScenarioEntry.safeParse(withoutRowFields(raw));
  if (!parsed.success) return { value: null, issues: fileIssuesFromZod(doc, parsed.error, prefix) };
  const issues: FileIssue[] = [];
  const value = resolveEntry(doc, { entry: parsed.data, raw: asRecord(raw), path: prefix, index }, fileLevel, refs, origin, issues);
  return issues.length > 0 ? { value: null, issues } : { value, issues };
}

/** The file-level `flow:` and `mocks:` of a list file, resolved on first use. */
export function fileLevelOf(doc: SourceDocument, settings: ScenarioSettings, prefix: Path, refs: RefResolver, issues: FileIssue[]): FileLevel {
  return {
    settings,
    hasFlow: settings.flow !== undefined,
    hasMocks: settings.mocks !== undefined,
    flow: once(() => resolveRef('flow', settings.flow, doc, [...prefix, 'flow'], refs, issues)),
    mocks: once(() => resolveRef('mocks', settings.mocks, doc, [...prefix, 'mocks'], refs, issues)),
  };
}

function resolveEntry(
  doc: SourceDocument,
  input: { entry: ScenarioEntry; raw: Record<string, unknown>; path: Path; index: number },
  fileLevel: FileLevel,
  refs: RefResolver,
  origin: ScenarioOrigin,
  issues: FileIssue[],
): ResolvedEntry | null {
  const { entry, path, index } = input;
  const add = (issue: FileIssue): void => {
    if (!issues.some((i) => i.path === issue.path && i.message === issue.message)) issues.push(issue);
  };
  const flow = entry.flow !== undefined ? resolveRef('flow', entry.flow, doc, [...path, 'flow'], refs, issues) : fileLevel.flow();
  const mocksSet = entry.mocks !== undefined || fileLevel.hasMocks;
  const mocks = entry.mocks !== undefined ? resolveRef('mocks', entry.mocks, doc, [...path, 'mocks'], refs, issues) : fileLevel.mocks();
  if (entry.flow === undefined && !fileLevel.hasFlow) {
    add(doc.issue([...path, 'flow'], formatIssuePath([...path, 'flow']), 'expected a flow (in the scenario or at the top of the file)'));
  }
  if (flow === null || (mocksSet && mocks === null)) return null;
  const expansion = expandEntry(entry, { raw: input.raw, path }, fileLevel.raw === undefined ? null : { raw: fileLevel.raw, path: [] });
  for (const issue of expansion.issues) add(doc.issue(issue.path, issue.pathText, issue.message));
  const runs: { row: ScenarioRow | null; issues: ScenarioIssue[] }[] = [];
  const loaded = expansion.entries.map((run) => {
    const scenario = withRow(
      toLoadedScenario({
        id: run.row === null ? `${origin.file}#${index}` : `${origin.file}#${index}[${run.row.index}]`,
        file: origin.file,
        absFile: origin.absFile,
        index,
        settings: fileLevel.settings,
        entry: run.entry,
        flow: flow.value,
        flowPath: flow.absPath,
        mocks: mocks?.value ?? null,
        mocksPath: mocks?.absPath ?? null,
      }),
      run.row,
    );
    runs.push({ row: run.row, issues: checkScenario(scenario, run.entry, path) });
    return scenario;
  });
  for (const issue of rowCheckIssues(runs)) add(doc.issue(issue.path, issue.pathText, issue.message));
  if (expansion.issues.length > 0) return null;
  return {
    index,
    raw: stripRefs(input.raw),
    entry,
    ownFlowKey: typeof entry.flow === 'string' ? flow.key : null,
    ownMocksKey: typeof entry.mocks === 'string' ? (mocks?.key ?? null) : null,
    flowKey: flow.key,
    mocksKey: mocks?.key ?? null,
    loaded,
  };
}

function resolveRef<K extends 'flow' | 'mocks'>(
  kind: K,
  ref: string | (K extends 'flow' ? FlowFile : MocksFile) | undefined,
  doc: SourceDocument,
  path: Path,
  refs: RefResolver,
  issues: FileIssue[],
): Resolved<K extends 'flow' ? FlowFile : MocksFile> | null {
  type Out = Resolved<K extends 'flow' ? FlowFile : MocksFile>;
  if (ref === undefined) return null;
  if (typeof ref === 'string') {
    const target = kind === 'flow' ? refs.flow(ref) : refs.mocks(ref);
    if ('error' in target) {
      const issue = doc.issue(path, formatIssuePath(path), target.error);
      if (!issues.some((i) => i.path === issue.path && i.message === issue.message)) issues.push(issue);
      return null;
    }
    return { key: target.key, value: target.value, absPath: target.absPath } as Out;
  }
  const checked = kind === 'flow' ? validateFlowValue(doc, ref, path) : validateMocksValue(doc, ref, path);
  for (const issue of checked.issues) {
    if (!issues.some((i) => i.path === issue.path && i.message === issue.message)) issues.push(issue);
  }
  return checked.value === null ? null : ({ key: null, value: checked.value, absPath: null } as Out);
}

/** A copy without `flow` / `mocks` when they are paths: the library keeps those as links. */
export function stripRefs(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if ((key === 'flow' || key === 'mocks') && typeof value === 'string') continue;
    out[key] = value;
  }
  return out;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function once<T>(fn: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = fn();
      done = true;
    }
    return value;
  };
}
