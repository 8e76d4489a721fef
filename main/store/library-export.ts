import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { FlowFile } from '../api/formats/flow';
import { MocksFile } from '../api/formats/mocks';
import { SCENARIO_FORMAT, ScenarioFile } from '../api/formats/scenario';
import type { ExportSummary, ItemKind } from '../api/routes/library-files';
import { schemaModeline, withSchemaModeline } from '../formats/schema-modeline';
import { orderKeys } from './key-order';
import { relativeRef } from './library-paths';
import { StoreError } from './store-error';
import type { Store } from './store';
import { LibraryReader } from './stored-scenarios';
import { toYaml } from './yaml-writer';

export interface ExportedFile {
  path: string;
  kind: ItemKind;
  text: string;
}

/**
 * Writes the whole library under `dir`: each flow, mock set and scenario file at its library
 * path, as YAML with a stable key order (JSON for `.json` paths), with `flow:`/`mocks:` as
 * paths relative to the scenario file. Files whose content is already the same are left alone.
 * A YAML file starts with the `# yaml-language-server: $schema=` line of its format, pointing
 * to the schema under `schemasDir` (flowbench's `schemas/`), so editors check it as you type.
 */
export async function exportLibrary(store: Store, dir: string, schemasDir: string): Promise<ExportSummary> {
  const root = resolve(dir);
  const files = renderLibrary(store);
  const summary: ExportSummary = { dir: root, files: [] };
  for (const file of files) {
    const target = resolve(root, ...file.path.split('/'));
    const rel = relative(root, target);
    if (rel.startsWith('..') || rel.split(sep).includes('..')) throw new StoreError('corrupt', `refusing to write outside ${root}: ${file.path}`);
    const text = isJsonPath(file.path) ? file.text : withSchemaModeline(file.text, schemaModeline(file.kind, target, schemasDir));
    const before = await readFile(target, 'utf8').catch(() => null);
    if (before === text) {
      summary.files.push({ path: file.path, kind: file.kind, action: 'unchanged' });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    const temp = join(dirname(target), `.${Date.now().toString(36)}-${process.pid}.flowbench-export.tmp`);
    await writeFile(temp, text, 'utf8');
    await rename(temp, target);
    summary.files.push({ path: file.path, kind: file.kind, action: 'written' });
  }
  return summary;
}

/** The text of every library file, by library path, from one consistent snapshot. */
export function renderLibrary(store: Store): ExportedFile[] {
  return store.read(() => {
    const reader = new LibraryReader(store);
    const out: ExportedFile[] = [];
    for (const row of store.flows.all()) {
      out.push({ path: row.path, kind: 'flow', text: render(row.path, orderKeys(FlowFile, reader.flow(row.id).source)) });
    }
    for (const row of store.mockSets.all()) {
      out.push({ path: row.path, kind: 'mocks', text: render(row.path, orderKeys(MocksFile, reader.mockSet(row.id).source)) });
    }
    for (const file of store.scenarioFiles.all()) {
      const settings = reader.file(file.id).settings.source;
      const ref = (kind: 'flow' | 'mocks', id: number | null): Record<string, string> =>
        id === null ? {} : { [kind]: relativeRef(file.path, kind === 'flow' ? reader.flow(id).path : reader.mockSet(id).path) };
      const entries = store.scenarios.inFile(file.id).map((row) => ({
        ...reader.scenario(row).entry.source,
        ...ref('flow', row.ownFlowId),
        ...ref('mocks', row.ownMocksId),
      }));
      const value =
        file.layout === 'list'
          ? { format: SCENARIO_FORMAT, ...settings, ...ref('flow', file.flow_id), ...ref('mocks', file.mocks_id), scenarios: entries }
          : { format: SCENARIO_FORMAT, ...entries[0] };
      out.push({ path: file.path, kind: 'scenario', text: render(file.path, orderKeys(ScenarioFile, value)) });
    }
    return out.sort((a, b) => a.path.localeCompare(b.path));
  });
}

function render(path: string, value: unknown): string {
  return isJsonPath(path) ? `${JSON.stringify(value, null, 2)}\n` : toYaml(value);
}

function isJsonPath(path: string): boolean {
  return /\.json$/i.test(path);
}
