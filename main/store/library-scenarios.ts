import type { ApiIssue } from '../api/errors';
import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import type { ScenarioQuery, ScenarioRecord, ScenarioSummary } from '../api/routes/library-scenarios';
import { invalidInput } from './invalid-input';
import { checkLibraryPath, newItemPath } from './library-paths';
import type { FileLevel, RefResolver, Resolved, ResolvedEntry } from './resolve-scenarios';
import { resolveScenarioEntry } from './resolve-scenarios';
import type { ScenarioFileRow } from './scenario-files-repo';
import { plannedScenario, scenarioWriteOf } from './scenario-write';
import type { IdsByKey } from './scenario-write';
import type { ScenarioListRow, ScenarioRow } from './scenarios-repo';
import { fold } from './search-text';
import { StoreError } from './store-error';
import type { Store } from './store';
import { LibraryReader } from './stored-scenarios';
import { valueDocument } from '../formats/value-document';

export function listScenarios(store: Store, query: ScenarioQuery): { total: number; items: ScenarioSummary[] } {
  return store.scenarios.search(scenarioFilter(query), query.limit, query.offset);
}

/** The filter of a query as the repo takes it (text folded, absent = null). */
export function scenarioFilter(query: Partial<ScenarioQuery>): Parameters<Store['scenarios']['search']>[0] {
  const text = (value: string | undefined): string | null => (value === undefined || value === '' ? null : fold(value));
  return {
    text: text(query.text),
    name: text(query.name),
    tag: query.tag === undefined || query.tag === '' ? null : query.tag,
    flowId: query.flowId ?? null,
    mockSetId: query.mockSetId ?? null,
    file: query.file ?? null,
  };
}

export function getScenario(store: Store, id: number): ScenarioRecord {
  const row = store.scenarios.byId(id);
  if (row === undefined) throw new StoreError('not_found', `no scenario ${id} in the library`);
  return scenarioRecord(store, new LibraryReader(store), row);
}

/** Adds a scenario to a scenario file (a new one-scenario file by default), checked like a file. */
export function createScenario(store: Store, input: { file?: string | undefined; scenario: unknown }): ScenarioRecord {
  const id = store.transaction(() => {
    const reader = new LibraryReader(store);
    const filePath = input.file === undefined ? null : checkLibraryPath(input.file, 'file');
    const existing = filePath === null ? undefined : store.scenarioFiles.byPath(filePath);
    const siblings = existing === undefined ? [] : store.scenarios.inFile(existing.id);
    const position = siblings.length;
    const resolved = resolveInput(store, reader, input.scenario, existing, position, filePath ?? 'input');
    const now = new Date().toISOString();
    let fileId: number;
    let path: string;
    if (existing === undefined) {
      path = filePath ?? newItemPath('scenario', resolved.entry.name, store.scenarioFiles.paths());
      fileId = store.scenarioFiles.insert(path, { layout: 'single', settings: '{}', flowId: null, mocksId: null }, now);
    } else {
      fileId = existing.id;
      path = existing.path;
      // A one-scenario file holds everything in its scenario, so it becomes a list as it is.
      if (existing.layout === 'single') store.scenarioFiles.update(existing.id, { ...fileWrite(existing), layout: 'list' }, now);
    }
    return store.scenarios.insert(fileId, scenarioWriteOf(plannedScenario(resolved), path, position, idsByPath(store)), now);
  });
  return getScenario(store, id);
}

/**
 * Checks a scenario as `create` (with `file`) or `update` (with `id`) would, and saves
 * nothing: the issues with their paths, or none.
 */
export function validateScenario(store: Store, input: { id?: number | undefined; file?: string | undefined; scenario: unknown }): { issues: ApiIssue[] } {
  try {
    store.read(() => {
      const reader = new LibraryReader(store);
      if (input.id !== undefined) {
        const row = store.scenarios.byId(input.id);
        if (row === undefined) throw new StoreError('not_found', `no scenario ${input.id} in the library`);
        const file = reader.file(row.fileId).row;
        resolveInput(store, reader, input.scenario, file, row.position, file.path);
        return;
      }
      const filePath = input.file === undefined ? null : checkLibraryPath(input.file, 'file');
      const existing = filePath === null ? undefined : store.scenarioFiles.byPath(filePath);
      const position = existing === undefined ? 0 : store.scenarios.inFile(existing.id).length;
      resolveInput(store, reader, input.scenario, existing, position, filePath ?? 'input');
    });
    return { issues: [] };
  } catch (error) {
    if (error instanceof StoreError && error.kind === 'invalid_input') return { issues: [...error.issues] };
    throw error;
  }
}

/** Replaces a scenario's own settings; it keeps its id, file, place and run history. */
export function updateScenario(store: Store, input: { id: number; scenario: unknown }): ScenarioRecord {
  store.transaction(() => {
    const row = store.scenarios.byId(input.id);
    if (row === undefined) throw new StoreError('not_found', `no scenario ${input.id} in the library`);
    const reader = new LibraryReader(store);
    const file = reader.file(row.fileId).row;
    const resolved = resolveInput(store, reader, input.scenario, file, row.position, file.path);
    store.scenarios.update(row.id, scenarioWriteOf(plannedScenario(resolved), file.path, row.position, idsByPath(store)), new Date().toISOString());
  });
  return getScenario(store, input.id);
}

/** Deletes a scenario (its results stay with their runs); a file left empty goes too. */
export function deleteScenario(store: Store, id: number): { id: number } {
  store.transaction(() => {
    const row = store.scenarios.byId(id);
    if (row === undefined) throw new StoreError('not_found', `no scenario ${id} in the library`);
    store.scenarios.delete(id);
    const rest = store.scenarios.inFile(row.fileId);
    if (rest.length === 0) store.scenarioFiles.delete(row.fileId);
    else rest.forEach((s, position) => s.position !== position && store.scenarios.move(s.id, position));
  });
  return { id };
}

export function scenarioTags(store: Store): { tags: { tag: string; scenarios: number }[] } {
  return { tags: store.scenarios.tagCounts() };
}

export function scenarioSummary(row: ScenarioListRow): ScenarioSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    file: row.file,
    index: row.position,
    tags: row.tags,
    flow: { id: row.flowId, name: row.flowName },
    mockSetId: row.mocksId,
    lastRun: row.lastRun,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function scenarioRecord(store: Store, reader: LibraryReader, row: ScenarioRow): ScenarioRecord {
  const scenario = reader.scenario(row);
  const pathOf = (kind: 'flow' | 'mocks', id: number | null): { flow?: string } | { mocks?: string } =>
    id === null ? {} : { [kind]: kind === 'flow' ? reader.flow(id).path : reader.mockSet(id).path };
  return {
    ...scenarioSummary(row),
    scenario: { ...scenario.entry.source, ...pathOf('flow', row.ownFlowId), ...pathOf('mocks', row.ownMocksId) },
    fileSettings: { ...scenario.settings.source, ...pathOf('flow', scenario.file.flow_id), ...pathOf('mocks', scenario.file.mocks_id) },
  };
}

/** Checks a scenario given through the API, with its file's settings; `flow`/`mocks` strings are library paths. */
function resolveInput(store: Store, reader: LibraryReader, raw: unknown, file: ScenarioFileRow | undefined, index: number, origin: string): ResolvedEntry {
  const refs = libraryRefs(store, reader);
  const stored = file === undefined ? null : reader.file(file.id).settings;
  const settings = stored?.value ?? {};
  const fileLevel: FileLevel = {
    settings,
    ...(file?.layout === 'list' && stored !== null && typeof stored.source === 'object' && stored.source !== null ? { raw: stored.source as Record<string, unknown> } : {}),
    hasFlow: file?.flow_id != null || typeof settings.flow === 'object',
    hasMocks: file?.mocks_id != null || typeof settings.mocks === 'object',
    flow: (): Resolved<FlowFile> | null => {
      if (file?.flow_id != null) return { key: reader.flow(file.flow_id).path, value: reader.flow(file.flow_id).value, absPath: null };
      return typeof settings.flow === 'object' ? { key: null, value: settings.flow, absPath: null } : null;
    },
    mocks: (): Resolved<MocksFile> | null => {
      if (file?.mocks_id != null) return { key: reader.mockSet(file.mocks_id).path, value: reader.mockSet(file.mocks_id).value, absPath: null };
      return typeof settings.mocks === 'object' ? { key: null, value: settings.mocks, absPath: null } : null;
    },
  };
  const { value, issues } = resolveScenarioEntry(valueDocument('input', raw), ['scenario'], index, fileLevel, refs, {
    file: origin,
    absFile: `${store.file}#${origin}`,
  });
  if (value === null) throw invalidInput('invalid scenario', issues);
  return value;
}

/** Resolves `flow:` / `mocks:` written as library paths. */
function libraryRefs(store: Store, reader: LibraryReader): RefResolver {
  return {
    flow(ref) {
      const row = store.flows.byPath(ref);
      if (row === undefined) return { error: `no flow '${ref}' in the library (give its library path, e.g. flows/x.flow.yaml)` };
      return { key: row.path, value: reader.flow(row.id).value, absPath: null };
    },
    mocks(ref) {
      const row = store.mockSets.byPath(ref);
      if (row === undefined) return { error: `no mock set '${ref}' in the library (give its library path, e.g. mocks/x.mocks.yaml)` };
      return { key: row.path, value: reader.mockSet(row.id).value, absPath: null };
    },
  };
}

function idsByPath(store: Store): IdsByKey {
  const id = (kind: string, row: { id: number } | undefined, key: string): number => {
    if (row === undefined) throw new StoreError('not_found', `no ${kind} '${key}' in the library`);
    return row.id;
  };
  return {
    flow: (key) => id('flow', store.flows.byPath(key), key),
    mocks: (key) => id('mock set', store.mockSets.byPath(key), key),
  };
}

function fileWrite(row: ScenarioFileRow): { layout: ScenarioFileRow['layout']; settings: string; flowId: number | null; mocksId: number | null } {
  return { layout: row.layout, settings: row.settings, flowId: row.flow_id, mocksId: row.mocks_id };
}
