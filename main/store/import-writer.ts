import type { ChangeCounts, ImportSummary } from '../api/routes/library-files';
import type { FileIssue } from '../formats/format-error';
import { checkRuns } from '../formats/each-expansion';
import { flowWrite } from './library-flows';
import type { ImportPlan, ImportProgress, PlannedScenario } from './import-plan';
import { mockSetWrite } from './library-mock-sets';
import { invalidInput } from './invalid-input';
import { sameScenario, scenarioWriteOf } from './scenario-write';
import type { IdsByKey } from './scenario-write';
import type { ScenarioRow } from './scenarios-repo';
import { scenarioSearchText } from './search-text';
import { StoreError } from './store-error';
import type { Store } from './store';
import { LibraryReader } from './stored-scenarios';

/**
 * Writes a checked import in one immediate transaction. Items are matched by library path
 * (scenarios by name within their file), so a re-import updates in place and keeps run
 * history. Library scenarios outside the import that run a changed flow or mock set are
 * checked again; if one breaks, nothing is written.
 */
export function writeImport(store: Store, plan: ImportPlan, onProgress?: (p: ImportProgress) => void): ImportSummary {
  const summary: ImportSummary = {
    root: plan.root,
    files: [],
    skipped: plan.skipped,
    flows: emptyCounts(),
    mockSets: emptyCounts(),
    scenarios: emptyCounts(),
  };
  const totalScenarios = plan.scenarioFiles.reduce((n, f) => n + f.scenarios.length, 0);
  let written = 0;

  store.transaction(() => {
    const now = new Date().toISOString();
    const flowIds = new Map<string, number>();
    const mockIds = new Map<string, number>();
    const changedFlows: { id: number; name: string; renamed: boolean }[] = [];
    const changedMocks: number[] = [];

    for (const flow of plan.flows) {
      const write = flowWrite(flow.raw, flow.value);
      const existing = store.flows.byPath(flow.path);
      if (existing === undefined) {
        flowIds.set(flow.abs, store.flows.insert(flow.path, write, now));
        record(summary, 'flow', flow.path, 'created');
      } else if (existing.body !== write.body) {
        store.flows.update(existing.id, write, now);
        flowIds.set(flow.abs, existing.id);
        changedFlows.push({ id: existing.id, name: write.name, renamed: existing.name !== write.name });
        record(summary, 'flow', flow.path, 'updated');
      } else {
        flowIds.set(flow.abs, existing.id);
        record(summary, 'flow', flow.path, 'unchanged');
      }
    }
    for (const mocks of plan.mockSets) {
      const write = mockSetWrite(mocks.path, mocks.raw, mocks.value);
      const existing = store.mockSets.byPath(mocks.path);
      if (existing === undefined) {
        mockIds.set(mocks.abs, store.mockSets.insert(mocks.path, write, now));
        record(summary, 'mocks', mocks.path, 'created');
      } else if (existing.body !== write.body) {
        store.mockSets.update(existing.id, write, now);
        mockIds.set(mocks.abs, existing.id);
        changedMocks.push(existing.id);
        record(summary, 'mocks', mocks.path, 'updated');
      } else {
        mockIds.set(mocks.abs, existing.id);
        record(summary, 'mocks', mocks.path, 'unchanged');
      }
    }

    const ids: IdsByKey = {
      flow: (abs) => idOf(flowIds, abs, 'flow'),
      mocks: (abs) => idOf(mockIds, abs, 'mock set'),
    };
    const imported = new Set<number>();
    for (const file of plan.scenarioFiles) {
      const { path } = file;
      const fileWrite = {
        layout: file.layout,
        settings: JSON.stringify(file.settingsRaw),
        flowId: file.flowKey === null ? null : ids.flow(file.flowKey),
        mocksId: file.mocksKey === null ? null : ids.mocks(file.mocksKey),
      };
      const existing = store.scenarioFiles.byPath(path);
      let fileId: number;
      let fileChanged: boolean;
      if (existing === undefined) {
        fileId = store.scenarioFiles.insert(path, fileWrite, now);
        fileChanged = true;
      } else {
        fileId = existing.id;
        fileChanged =
          existing.layout !== fileWrite.layout ||
          existing.settings !== fileWrite.settings ||
          existing.flow_id !== fileWrite.flowId ||
          existing.mocks_id !== fileWrite.mocksId;
        if (fileChanged) store.scenarioFiles.update(fileId, fileWrite, now);
      }
      const changed = writeEntries(store, fileId, path, file.scenarios, ids, now, summary, imported);
      record(summary, 'scenario', path, existing === undefined ? 'created' : fileChanged || changed ? 'updated' : 'unchanged');
      written += file.scenarios.length;
      onProgress?.({ phase: 'writing', done: written, total: totalScenarios });
    }

    recheckOthers(store, changedFlows, changedMocks, imported);
  });
  onProgress?.({ phase: 'done', done: totalScenarios, total: totalScenarios });
  summary.files.sort((a, b) => a.path.localeCompare(b.path));
  return summary;
}

/** Writes one file's scenarios, matching stored ones by name (then place); returns whether anything changed. */
function writeEntries(
  store: Store,
  fileId: number,
  path: string,
  entries: readonly PlannedScenario[],
  ids: IdsByKey,
  now: string,
  summary: ImportSummary,
  imported: Set<number>,
): boolean {
  const stored = store.scenarios.inFile(fileId);
  const unmatched = new Set(stored);
  let changed = false;
  // Positions may swap: move the kept ones out of the way first.
  const matches = entries.map((entry) => {
    const match = [...unmatched].find((s) => s.name === entry.name);
    if (match !== undefined) unmatched.delete(match);
    return match;
  });
  for (const old of unmatched) {
    store.scenarios.delete(old.id);
    summary.scenarios.removed++;
    changed = true;
  }
  entries.forEach((entry, position) => {
    const write = scenarioWriteOf(entry, path, position, ids);
    const match = matches[position];
    if (match === undefined) {
      imported.add(store.scenarios.insert(fileId, write, now));
      summary.scenarios.created++;
      changed = true;
    } else {
      imported.add(match.id);
      if (sameScenario(match, write)) summary.scenarios.unchanged++;
      else {
        store.scenarios.update(match.id, write, now);
        summary.scenarios.updated++;
        changed = true;
      }
    }
  });
  return changed;
}

/** Scenarios outside the import that run a changed flow or mock set must still pass their checks. */
function recheckOthers(store: Store, flows: readonly { id: number; name: string; renamed: boolean }[], mocks: readonly number[], imported: ReadonlySet<number>): void {
  const reader = new LibraryReader(store);
  const issues: FileIssue[] = [];
  const seen = new Set<number>();
  const check = (row: ScenarioRow): void => {
    if (imported.has(row.id) || seen.has(row.id)) return;
    seen.add(row.id);
    const scenario = reader.scenario(row);
    const at = scenario.file.layout === 'list' ? ['scenarios', row.position] : [];
    for (const issue of checkRuns(scenario.loaded, scenario.entry.value, at)) {
      issues.push({ file: `${row.file} (library, ${row.name})`, path: issue.pathText, message: issue.message });
    }
  };
  for (const flow of flows) {
    for (const row of store.scenarios.usingFlow(flow.id)) {
      check(row);
      if (flow.renamed && !imported.has(row.id)) {
        store.scenarios.setFlowName(row.id, flow.name, scenarioSearchText({ name: row.name, description: row.description, file: row.file, flowName: flow.name, tags: row.tags }));
      }
    }
  }
  for (const id of mocks) for (const row of store.scenarios.usingMocks(id)) check(row);
  if (issues.length > 0) throw invalidInput('the import changes flows or mock sets that other library scenarios use, and breaks them', issues, true);
}

function emptyCounts(): ChangeCounts {
  return { created: 0, updated: 0, unchanged: 0, removed: 0 };
}

function record(summary: ImportSummary, kind: 'flow' | 'mocks' | 'scenario', path: string, action: 'created' | 'updated' | 'unchanged'): void {
  summary.files.push({ path, kind, action });
  if (kind === 'flow') summary.flows[action]++;
  if (kind === 'mocks') summary.mockSets[action]++;
}

function idOf(map: ReadonlyMap<string, number>, key: string, kind: string): number {
  const id = map.get(key);
  if (id === undefined) throw new StoreError('corrupt', `import: the ${kind} ${key} was not written`);
  return id;
}
