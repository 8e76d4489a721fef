import type { FlowFile } from '../api/formats/flow';
import type { FlowFileInput } from '../api/formats/flow';
import type { FlowRecord, FlowSummary } from '../api/routes/library-flows';
import type { FileIssue } from '../formats/format-error';
import { checkRuns } from '../formats/each-expansion';
import { validateFlowValue } from '../formats/validate-flow';
import { contentSha256 } from './content-hash';
import type { FlowRow, FlowWrite } from './flows-repo';
import { invalidInput } from './invalid-input';
import { checkLibraryPath, newItemPath } from './library-paths';
import { fold, scenarioSearchText } from './search-text';
import { StoreError } from './store-error';
import type { Store } from './store';
import { LibraryReader } from './stored-scenarios';
import { valueDocument } from '../formats/value-document';

export function listFlows(store: Store, query: { text?: string | undefined; limit: number; offset: number }): { total: number; items: FlowSummary[] } {
  const text = query.text === undefined || query.text === '' ? null : fold(query.text);
  const { total, rows } = store.flows.list(text, query.limit, query.offset);
  return { total, items: rows.map(flowSummary) };
}

export function getFlow(store: Store, id: number): FlowRecord {
  const row = store.flows.byId(id);
  if (row === undefined) throw new StoreError('not_found', `no flow ${id} in the library`);
  return { ...flowSummary(row), flow: new LibraryReader(store).flow(id).source };
}

export function createFlow(store: Store, input: { path?: string | undefined; flow: unknown }): FlowRecord {
  const value = checkFlowInput(input.flow);
  const id = store.transaction(() => {
    const path = input.path !== undefined ? checkLibraryPath(input.path, 'path') : newItemPath('flow', value.name, store.flows.paths());
    if (store.flows.byPath(path) !== undefined) throw new StoreError('conflict', `the library already has a flow at ${path}`);
    return store.flows.insert(path, flowWrite(input.flow, value), new Date().toISOString());
  });
  return getFlow(store, id);
}

/** Replaces a flow; refused when a scenario that runs it would fail its checks with the new version. */
export function updateFlow(store: Store, input: { id: number; flow: unknown }): FlowRecord {
  const value = checkFlowInput(input.flow);
  store.transaction(() => {
    const row = store.flows.byId(input.id);
    if (row === undefined) throw new StoreError('not_found', `no flow ${input.id} in the library`);
    const write = flowWrite(input.flow, value);
    const reader = new LibraryReader(store);
    reader.replaceFlow({ id: row.id, path: row.path, sha256: write.sha256, source: input.flow as FlowFileInput, value });
    const users = store.scenarios.usingFlow(row.id);
    const issues: FileIssue[] = [];
    for (const user of users) {
      const scenario = reader.scenario(user);
      const at = scenario.file.layout === 'list' ? ['scenarios', user.position] : [];
      for (const issue of checkRuns(scenario.loaded, scenario.entry.value, at)) {
        issues.push({ file: `${scenario.file.path} (${user.name})`, path: issue.pathText, message: issue.message });
      }
    }
    if (issues.length > 0) throw invalidInput(`this change to ${row.path} breaks scenarios that run it`, issues, true);
    const now = new Date().toISOString();
    store.flows.update(row.id, write, now);
    if (value.name !== row.name) {
      for (const user of users) {
        const searchText = scenarioSearchText({ name: user.name, description: user.description, file: user.file, flowName: value.name, tags: user.tags });
        store.scenarios.setFlowName(user.id, value.name, searchText);
      }
    }
  });
  return getFlow(store, input.id);
}

export function deleteFlow(store: Store, id: number): { id: number } {
  store.transaction(() => {
    const row = store.flows.byId(id);
    if (row === undefined) throw new StoreError('not_found', `no flow ${id} in the library`);
    const users = [...store.scenarios.usingFlow(id).map((s) => `${s.file} (${s.name})`), ...store.scenarioFiles.usingFlow(id)];
    if (users.length > 0) {
      throw new StoreError('conflict', `${row.path} is used by ${users.length} scenario(s) or file(s): ${users.slice(0, 5).join(', ')}${users.length > 5 ? ', …' : ''}`);
    }
    store.flows.delete(id);
  });
  return { id };
}

/** Validates a flow given through the API like a flow file (schema and cross-checks). */
export function checkFlowInput(raw: unknown): FlowFile {
  const checked = validateFlowValue(valueDocument('input', raw), raw, ['flow']);
  if (checked.value === null || checked.issues.length > 0) throw invalidInput('invalid flow', checked.issues);
  return checked.value;
}

export function flowWrite(raw: unknown, value: FlowFile): FlowWrite {
  return { name: value.name, channel: value.channel, body: JSON.stringify(raw), sha256: contentSha256(value) };
}

function flowSummary(row: FlowRow): FlowSummary {
  return {
    id: row.id,
    path: row.path,
    name: row.name,
    channel: row.channel,
    scenarios: row.scenarios,
    sha256: row.sha256,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
