import { posix } from 'node:path';
import type { MocksFile, MocksFileInput } from '../api/formats/mocks';
import type { MockSetRecord, MockSetSummary } from '../api/routes/library-mock-sets';
import type { FileIssue } from '../formats/format-error';
import { checkRuns } from '../formats/each-expansion';
import { validateMocksValue } from '../formats/validate-mocks';
import { contentSha256 } from './content-hash';
import { invalidInput } from './invalid-input';
import { checkLibraryPath, newItemPath } from './library-paths';
import type { MockSetRow, MockSetWrite } from './mock-sets-repo';
import { fold } from './search-text';
import { StoreError } from './store-error';
import type { Store } from './store';
import { LibraryReader } from './stored-scenarios';
import { valueDocument } from '../formats/value-document';

export function listMockSets(store: Store, query: { text?: string | undefined; limit: number; offset: number }): { total: number; items: MockSetSummary[] } {
  const text = query.text === undefined || query.text === '' ? null : fold(query.text);
  const { total, rows } = store.mockSets.list(text, query.limit, query.offset);
  return { total, items: rows.map(mockSetSummary) };
}

export function getMockSet(store: Store, id: number): MockSetRecord {
  const row = store.mockSets.byId(id);
  if (row === undefined) throw new StoreError('not_found', `no mock set ${id} in the library`);
  return { ...mockSetSummary(row), mocks: new LibraryReader(store).mockSet(id).source };
}

export function createMockSet(store: Store, input: { path?: string | undefined; mocks: unknown }): MockSetRecord {
  const value = checkMocksInput(input.mocks);
  const id = store.transaction(() => {
    const path =
      input.path !== undefined ? checkLibraryPath(input.path, 'path') : newItemPath('mocks', value.name ?? 'mocks', store.mockSets.paths());
    if (store.mockSets.byPath(path) !== undefined) throw new StoreError('conflict', `the library already has a mock set at ${path}`);
    return store.mockSets.insert(path, mockSetWrite(path, input.mocks, value), new Date().toISOString());
  });
  return getMockSet(store, id);
}

/** Replaces a mock set; refused when a scenario that uses it would fail its checks (e.g. an override of a removed route). */
export function updateMockSet(store: Store, input: { id: number; mocks: unknown }): MockSetRecord {
  const value = checkMocksInput(input.mocks);
  store.transaction(() => {
    const row = store.mockSets.byId(input.id);
    if (row === undefined) throw new StoreError('not_found', `no mock set ${input.id} in the library`);
    const write = mockSetWrite(row.path, input.mocks, value);
    const reader = new LibraryReader(store);
    reader.replaceMockSet({ id: row.id, path: row.path, sha256: write.sha256, source: input.mocks as MocksFileInput, value });
    const issues: FileIssue[] = [];
    for (const user of store.scenarios.usingMocks(row.id)) {
      const scenario = reader.scenario(user);
      const at = scenario.file.layout === 'list' ? ['scenarios', user.position] : [];
      for (const issue of checkRuns(scenario.loaded, scenario.entry.value, at)) {
        issues.push({ file: `${scenario.file.path} (${user.name})`, path: issue.pathText, message: issue.message });
      }
    }
    if (issues.length > 0) throw invalidInput(`this change to ${row.path} breaks scenarios that use it`, issues, true);
    store.mockSets.update(row.id, write, new Date().toISOString());
  });
  return getMockSet(store, input.id);
}

export function deleteMockSet(store: Store, id: number): { id: number } {
  store.transaction(() => {
    const row = store.mockSets.byId(id);
    if (row === undefined) throw new StoreError('not_found', `no mock set ${id} in the library`);
    const users = [...store.scenarios.usingMocks(id).map((s) => `${s.file} (${s.name})`), ...store.scenarioFiles.usingMocks(id)];
    if (users.length > 0) {
      throw new StoreError('conflict', `${row.path} is used by ${users.length} scenario(s) or file(s): ${users.slice(0, 5).join(', ')}${users.length > 5 ? ', …' : ''}`);
    }
    store.mockSets.delete(id);
  });
  return { id };
}

/** Validates a mock set given through the API like a mocks file (schema and cross-checks). */
export function checkMocksInput(raw: unknown): MocksFile {
  const checked = validateMocksValue(valueDocument('input', raw), raw, ['mocks']);
  if (checked.value === null || checked.issues.length > 0) throw invalidInput('invalid mock set', checked.issues);
  return checked.value;
}

/** A mock set's display name: its `name`, else its file name without the suffix. */
export function mockSetName(path: string, value: MocksFile): string {
  return value.name ?? posix.basename(path).replace(/(\.mocks)?\.(ya?ml|json)$/i, '');
}

export function mockSetWrite(path: string, raw: unknown, value: MocksFile): MockSetWrite {
  return { name: mockSetName(path, value), routeCount: value.routes.length, body: JSON.stringify(raw), sha256: contentSha256(value) };
}

function mockSetSummary(row: MockSetRow): MockSetSummary {
  return {
    id: row.id,
    path: row.path,
    name: row.name,
    routes: row.route_count,
    scenarios: row.scenarios,
    sha256: row.sha256,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
