import type { ExampleFile } from '../../../main/api/routes/examples';
import type { ScenarioSummary } from '../../../main/api/routes/library-scenarios';
import type { RunSource } from '../run/run-source';
import { sourceKey } from '../run/run-source';

export interface PickerOption {
  label: string;
  value: string;
  source: RunSource;
}
export interface PickerGroup {
  key: string;
  label: string;
  children: PickerOption[];
}

/**
 * The scenario picker's groups: the example files, then the library. A scenario is listed
 * once: an example imported into the library (same file, same name) is listed as the library
 * scenario (which has its history), not twice. Two scenarios with the same name in one group
 * are told apart by their file or place.
 */
export function pickerGroups(examples: readonly Pick<ExampleFile, 'path' | 'scenarios' | 'issues'>[], library: readonly Pick<ScenarioSummary, 'id' | 'name' | 'file'>[]): PickerGroup[] {
  const inLibrary = new Set(library.map((s) => `${s.file}\n${s.name}`));
  const groups: PickerGroup[] = [];
  for (const file of examples) {
    if (file.issues.length > 0) continue;
    const children: PickerOption[] = [];
    file.scenarios.forEach((name, index) => {
      if (inLibrary.has(`${file.path}\n${name}`)) return;
      const source: RunSource = { kind: 'example', file: file.path, index, name };
      children.push({ label: name, value: sourceKey(source), source });
    });
    if (children.length > 0) groups.push({ key: `example-file:${file.path}`, label: `Examples · ${file.path}`, children: distinctLabels(children, (o) => `#${(o.source.kind === 'example' ? o.source.index : 0) + 1}`) });
  }
  if (library.length > 0) {
    const children = library.map((s): PickerOption => {
      const source: RunSource = { kind: 'library', scenarioId: s.id, name: s.name };
      return { label: `${s.name} — ${s.file}`, value: sourceKey(source), source };
    });
    groups.push({ key: 'library', label: 'Library (SQLite)', children: distinctLabels(children, (o) => `id ${o.source.kind === 'library' ? o.source.scenarioId : ''}`) });
  }
  return groups;
}

/** Adds `(#2)`… to labels that would otherwise read the same. */
function distinctLabels(options: PickerOption[], tell: (o: PickerOption) => string): PickerOption[] {
  const counts = new Map<string, number>();
  for (const o of options) counts.set(o.label, (counts.get(o.label) ?? 0) + 1);
  return options.map((o) => ((counts.get(o.label) ?? 0) > 1 ? { ...o, label: `${o.label} (${tell(o)})` } : o));
}
