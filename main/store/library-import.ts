import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import type { ImportSummary, ItemKind } from '../api/routes/library-files';
import { FormatError } from '../formats/format-error';
import type { FileIssue } from '../formats/format-error';
import { kindOfFormat, listDocumentFiles } from '../formats/inspect-file';
import { isFlowbenchValue, notFlowbenchIssue } from '../formats/flowbench-document';
import { loadDocument } from '../formats/load-document';
import type { SourceDocument } from '../formats/source-document';
import { validateFlowValue } from '../formats/validate-flow';
import { loadCodeSandbox } from '../sandbox/load-code-sandbox';
import { validateMocksValue } from '../formats/validate-mocks';
import { resolveScenarioFile } from './resolve-scenarios';
import type { RefResolver } from './resolve-scenarios';
import type { ImportedDocument, ImportPlan, ImportProgress, PlannedScenarioFile } from './import-plan';
import { libraryPathOf } from './library-paths';
import { writeImport } from './import-writer';
import { plannedScenario } from './scenario-write';
import type { Store } from './store';

export interface ImportOptions {
  /** The folder library paths are relative to; default: the folders and files given (their common folder). */
  root?: string;
  /** Where relative inputs start, and what messages name files relative to. */
  cwd?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Reads and parses one file (default `loadDocument`); the workbench host's also checks the path may be read. */
  read?: (absPath: string, displayName: string) => Promise<SourceDocument>;
}

type DocKind = Exclude<ItemKind, never>;

const READ_BATCH = 64;

/**
 * Imports flow, mocks and scenario files (folders are searched, referenced flows and mocks
 * come along) into the library. Every file is read and checked first, with the same checks
 * as FileLoader; any issue aborts the whole import with a FormatError naming file and path.
 * The writes happen in one transaction: all of the import lands, or none of it.
 */
export async function importLibrary(store: Store, inputs: readonly string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const plan = await planImport(inputs, options);
  return writeImport(store, plan, options.onProgress);
}

/** Reads and checks the files of an import; throws FormatError with every issue found. */
export async function planImport(inputs: readonly string[], options: ImportOptions = {}): Promise<ImportPlan> {
  await loadCodeSandbox(); // flows with code are syntax-checked in it (loaded once per process)
  const cwd = options.cwd ?? process.cwd();
  const display = (abs: string): string => {
    const rel = relative(cwd, abs);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : abs;
  };
  const issues: FileIssue[] = [];
  const skipped: ImportSummary['skipped'] = [];

  // 1. The files: those given, and the YAML/JSON files in the folders given.
  const explicit = new Map<string, boolean>();
  const anchors: string[] = [];
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    const info = await stat(abs).catch(() => null);
    if (info === null) {
      issues.push({ file: display(abs), path: '(file)', message: 'cannot read: no such file or folder' });
    } else if (info.isDirectory()) {
      anchors.push(abs);
      for (const file of await listLibraryFiles(abs)) if (!explicit.has(file)) explicit.set(file, false);
    } else {
      anchors.push(dirname(abs));
      explicit.set(abs, true);
    }
  }

  // 2. Parse each once, and sort them by format.
  const docs = new Map<string, { doc: SourceDocument; kind: DocKind }>();
  const unreadable = new Set<string>();
  const files = [...explicit.keys()];
  for (let i = 0; i < files.length; i += READ_BATCH) {
    options.onProgress?.({ phase: 'reading', done: i, total: files.length });
    const batch = files.slice(i, i + READ_BATCH);
    const loaded = await Promise.all(batch.map((abs) => load(abs, display(abs), options.read)));
    batch.forEach((abs, k) => {
      const result = loaded[k];
      if (result === undefined) return;
      if ('issues' in result) {
        issues.push(...result.issues);
        unreadable.add(abs);
        return;
      }
      const format = formatOf(result.doc.value);
      const kind = kindOfFormat(format);
      if (kind === 'flow' || kind === 'mocks' || kind === 'scenario') docs.set(abs, { doc: result.doc, kind });
      else if (kind === 'results' || kind === 'session') skipped.push({ file: display(abs), reason: `a ${kind} file: only flows, mocks and scenarios are imported` });
      else if (explicit.get(abs) === true || (typeof format === 'string' && format.startsWith('flowbench.'))) {
        issues.push(result.doc.issue(['format'], 'format', 'expected format: flowbench.flow/1, flowbench.mocks/1 or flowbench.scenario/1'));
      } else skipped.push({ file: display(abs), reason: 'not a flowbench file (no flowbench format)' });
    });
  }

  // 3. The flows and mock sets scenarios point at come along.
  for (const [abs, { doc, kind }] of [...docs]) {
    if (kind !== 'scenario') continue;
    for (const ref of pathRefs(doc.value)) {
      const target = resolve(dirname(abs), ref.path);
      if (docs.has(target) || unreadable.has(target)) continue;
      const result = await load(target, display(target), options.read);
      if ('issues' in result) {
        issues.push(...result.issues);
        unreadable.add(target);
      } else if (!isFlowbenchValue(result.doc.value)) {
        // Pointed at, but not a flowbench document: say so once, without its content.
        issues.push(notFlowbenchIssue(display(target)));
        unreadable.add(target);
      } else {
        docs.set(target, { doc: result.doc, kind: ref.kind });
        anchors.push(dirname(target));
      }
    }
  }

  // 4. Check flows and mock sets.
  const flows = new Map<string, { raw: unknown; value: FlowFile }>();
  const mockSets = new Map<string, { raw: unknown; value: MocksFile }>();
  for (const [abs, { doc, kind }] of docs) {
    if (kind === 'flow') {
      const checked = validateFlowValue(doc, doc.value);
      if (checked.value !== null && checked.issues.length === 0) flows.set(abs, { raw: doc.value, value: checked.value });
      else issues.push(...checked.issues);
    } else if (kind === 'mocks') {
      const checked = validateMocksValue(doc, doc.value);
      if (checked.value !== null && checked.issues.length === 0) mockSets.set(abs, { raw: doc.value, value: checked.value });
      else issues.push(...checked.issues);
    }
  }

  // 5. Library paths, relative to the root.
  const root = options.root !== undefined ? resolve(cwd, options.root) : commonFolder([...anchors, ...[...docs.keys()].map((f) => dirname(f))]);
  const pathOf = new Map<string, string>();
  for (const abs of docs.keys()) {
    const path = libraryPathOf(root, abs);
    if (path === null) issues.push({ file: display(abs), path: '(file)', message: `is outside the import root ${root}` });
    else pathOf.set(abs, path);
  }

  // 6. Check scenario files, with their flows and mocks.
  const scenarioFiles: PlannedScenarioFile[] = [];
  const scenarioDocs = [...docs].filter(([, d]) => d.kind === 'scenario');
  scenarioDocs.forEach(([abs, { doc }], i) => {
    if (i % 100 === 0) options.onProgress?.({ phase: 'checking', done: i, total: scenarioDocs.length });
    const checked = resolveScenarioFile(doc, refsFrom(abs, docs, flows, mockSets), { file: display(abs), absFile: abs });
    issues.push(...checked.issues);
    const path = pathOf.get(abs);
    if (checked.value !== null && path !== undefined) {
      const { layout, settingsRaw, flowKey, mocksKey, entries } = checked.value;
      scenarioFiles.push({ abs, path, layout, settingsRaw, flowKey, mocksKey, scenarios: entries.map(plannedScenario) });
    }
  });

  if (issues.length > 0) throw new FormatError(dedupe(issues));
  const documents = <T>(map: Map<string, { raw: unknown; value: T }>): ImportedDocument<T>[] =>
    [...map].map(([abs, d]) => ({ abs, path: pathOf.get(abs) ?? abs, raw: d.raw, value: d.value })).sort((a, b) => a.path.localeCompare(b.path));
  return {
    root,
    flows: documents(flows),
    mockSets: documents(mockSets),
    scenarioFiles: scenarioFiles.sort((a, b) => a.path.localeCompare(b.path)),
    skipped,
  };
}

async function load(
  abs: string,
  shown: string,
  read: (absPath: string, displayName: string) => Promise<SourceDocument> = loadDocument,
): Promise<{ doc: SourceDocument } | { issues: readonly FileIssue[] }> {
  try {
    return { doc: await read(abs, shown) };
  } catch (error) {
    if (error instanceof FormatError) return { issues: error.issues };
    throw error;
  }
}

/** YAML/JSON files below a folder, skipping hidden folders and node_modules. */
async function listLibraryFiles(dir: string): Promise<string[]> {
  const files = await listDocumentFiles(dir);
  return files.filter((file) => relative(dir, file).split(sep).every((part) => !part.startsWith('.') && part !== 'node_modules'));
}

function formatOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)['format'] : undefined;
}

/** The `flow:` and `mocks:` paths a scenario file writes (at the top and in each scenario). */
function pathRefs(value: unknown): { kind: 'flow' | 'mocks'; path: string }[] {
  const refs: { kind: 'flow' | 'mocks'; path: string }[] = [];
  const collect = (record: unknown): void => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return;
    const r = record as Record<string, unknown>;
    for (const kind of ['flow', 'mocks'] as const) {
      const ref = r[kind];
      if (typeof ref === 'string' && ref !== '') refs.push({ kind, path: ref });
    }
  };
  collect(value);
  if (typeof value === 'object' && value !== null && Array.isArray((value as Record<string, unknown>)['scenarios'])) {
    for (const entry of (value as Record<string, unknown[]>)['scenarios'] ?? []) collect(entry);
  }
  return refs;
}

function refsFrom(
  scenarioAbs: string,
  docs: ReadonlyMap<string, { kind: DocKind }>,
  flows: ReadonlyMap<string, { value: FlowFile }>,
  mockSets: ReadonlyMap<string, { value: MocksFile }>,
): RefResolver {
  const find = <T>(kind: 'flow' | 'mocks', map: ReadonlyMap<string, { value: T }>, ref: string): { key: string; value: T; absPath: string } | { error: string } => {
    const abs = resolve(dirname(scenarioAbs), ref);
    const found = map.get(abs);
    if (found !== undefined) return { key: abs, value: found.value, absPath: abs };
    const other = docs.get(abs);
    if (other !== undefined && other.kind !== kind) return { error: `'${ref}' is a ${other.kind} file, expected a ${kind} file` };
    return { error: `the ${kind} file '${ref}' is invalid (see below)` };
  };
  return { flow: (ref) => find('flow', flows, ref), mocks: (ref) => find('mocks', mockSets, ref) };
}

function commonFolder(folders: readonly string[]): string {
  const [first, ...rest] = folders;
  if (first === undefined) return process.cwd();
  let parts = first.split(sep);
  for (const folder of rest) {
    const other = folder.split(sep);
    let n = 0;
    while (n < parts.length && n < other.length && parts[n] === other[n]) n++;
    parts = parts.slice(0, n);
  }
  return parts.length <= 1 ? sep : parts.join(sep);
}

function dedupe(issues: readonly FileIssue[]): FileIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.file}\u0000${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
