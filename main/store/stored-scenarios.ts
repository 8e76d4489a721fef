import type { FlowFile, FlowFileInput } from '../api/formats/flow';
import type { MocksFile, MocksFileInput } from '../api/formats/mocks';
import type { ScenarioEntry } from '../api/formats/scenario';
import type { ScenarioEntryInput, ScenarioSettings, ScenarioSettingsInput } from '../api/routes/library-scenarios';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { contentSha256 } from './content-hash';
import type { ScenarioFileRow } from './scenario-files-repo';
import type { ScenarioRow } from './scenarios-repo';
import { StoreError } from './store-error';
import type { Store } from './store';
import { readEntryBody, readFileSettings, readFlowBody, readMocksBody } from './stored-documents';
import type { Stored } from './stored-documents';
import { toLoadedScenario } from '../formats/to-loaded-scenario';
import { expandEntry, withRow } from '../formats/each-expansion';

export interface LibraryItem<I, O> extends Stored<I, O> {
  id: number;
  path: string;
  sha256: string;
}

/** A library scenario ready to run: flow and mocks resolved from the library, every default applied. */
export interface StoredScenario {
  row: ScenarioRow;
  file: ScenarioFileRow;
  entry: Stored<ScenarioEntryInput, ScenarioEntry>;
  settings: Stored<ScenarioSettingsInput, ScenarioSettings>;
  /** Ready to run: one per `each:` row for a data-driven scenario. */
  loaded: LoadedScenario[];
  /** The version of the flow and mock set it runs with (content hash), for run history. */
  flowSha256: string;
  mocksSha256: string | null;
}

/**
 * Reads library items once per batch: a suite of 1,000 scenarios on one flow parses the
 * flow once. `replace` swaps in an edited flow or mock set to re-check its scenarios.
 */
export class LibraryReader {
  private readonly flows = new Map<number, LibraryItem<FlowFileInput, FlowFile>>();
  private readonly mocks = new Map<number, LibraryItem<MocksFileInput, MocksFile>>();
  private readonly files = new Map<number, { row: ScenarioFileRow; settings: Stored<ScenarioSettingsInput, ScenarioSettings> }>();

  constructor(private readonly store: Store) {}

  flow(id: number): LibraryItem<FlowFileInput, FlowFile> {
    let item = this.flows.get(id);
    if (item === undefined) {
      const row = this.store.flows.byId(id);
      if (row === undefined) throw new StoreError('not_found', `no flow ${id} in the library`);
      item = { id, path: row.path, sha256: row.sha256, ...readFlowBody(row.body, `flow ${row.path}`) };
      this.flows.set(id, item);
    }
    return item;
  }

  mockSet(id: number): LibraryItem<MocksFileInput, MocksFile> {
    let item = this.mocks.get(id);
    if (item === undefined) {
      const row = this.store.mockSets.byId(id);
      if (row === undefined) throw new StoreError('not_found', `no mock set ${id} in the library`);
      item = { id, path: row.path, sha256: row.sha256, ...readMocksBody(row.body, `mock set ${row.path}`) };
      this.mocks.set(id, item);
    }
    return item;
  }

  file(id: number): { row: ScenarioFileRow; settings: Stored<ScenarioSettingsInput, ScenarioSettings> } {
    let file = this.files.get(id);
    if (file === undefined) {
      const row = this.store.scenarioFiles.byId(id);
      if (row === undefined) throw new StoreError('not_found', `no scenario file ${id} in the library`);
      file = { row, settings: readFileSettings(row.settings, `settings of ${row.path}`) };
      this.files.set(id, file);
    }
    return file;
  }

  /** Uses this flow (or mock set) instead of the stored one, e.g. to check an edit before saving it. */
  replaceFlow(item: LibraryItem<FlowFileInput, FlowFile>): void {
    this.flows.set(item.id, item);
  }

  replaceMockSet(item: LibraryItem<MocksFileInput, MocksFile>): void {
    this.mocks.set(item.id, item);
  }

  scenario(row: ScenarioRow): StoredScenario {
    const { row: file, settings } = this.file(row.fileId);
    const what = `scenario '${row.name}' (${file.path} #${row.position})`;
    const entry = readEntryBody(row.body, what);
    const flow = this.flowOf(row, file, entry.value, settings.value, what);
    const mocks = this.mocksOf(row, file, entry.value, settings.value);
    const expansion = expandEntry(entry.value, { raw: asRecord(entry.source), path: [] }, file.layout === 'list' ? { raw: asRecord(settings.source), path: [] } : null);
    const broken = expansion.issues[0];
    if (broken !== undefined) throw new StoreError('corrupt', `the database holds ${what} with a row that no longer loads: ${broken.pathText}: ${broken.message}`);
    const loaded = expansion.entries.map((run) =>
      withRow(
        toLoadedScenario({
          id: run.row === null ? `${file.path}#${row.position}` : `${file.path}#${row.position}[${run.row.index}]`,
          file: file.path,
          absFile: `${this.store.file}#${file.path}`,
          index: row.position,
          settings: settings.value,
          entry: run.entry,
          flow: flow.value,
          flowPath: null,
          mocks: mocks?.value ?? null,
          mocksPath: null,
        }),
        run.row,
      ),
    );
    return { row, file, entry, settings, loaded, flowSha256: flow.sha256, mocksSha256: mocks?.sha256 ?? null };
  }

  private flowOf(row: ScenarioRow, file: ScenarioFileRow, entry: ScenarioEntry, settings: ScenarioSettings, what: string): { value: FlowFile; sha256: string } {
    if (row.ownFlowId !== null) return this.flow(row.ownFlowId);
    if (typeof entry.flow === 'object') return inline(entry.flow);
    if (file.flow_id !== null) return this.flow(file.flow_id);
    if (typeof settings.flow === 'object') return inline(settings.flow);
    throw new StoreError('corrupt', `the database holds ${what} without a flow`);
  }

  private mocksOf(row: ScenarioRow, file: ScenarioFileRow, entry: ScenarioEntry, settings: ScenarioSettings): { value: MocksFile; sha256: string } | null {
    if (row.ownMocksId !== null) return this.mockSet(row.ownMocksId);
    if (typeof entry.mocks === 'object') return inline(entry.mocks);
    if (entry.mocks === undefined && file.mocks_id !== null) return this.mockSet(file.mocks_id);
    if (entry.mocks === undefined && typeof settings.mocks === 'object') return inline(settings.mocks);
    return null;
  }
}

function inline<T>(value: T): { value: T; sha256: string } {
  return { value, sha256: contentSha256(value) };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
