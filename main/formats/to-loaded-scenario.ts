import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import type { ScenarioEntry } from '../api/formats/scenario';
import type { ScenarioSettings } from '../api/routes/library-scenarios';
import type { LoadedScenario } from './loaded-scenario';

export interface ScenarioParts {
  id: string;
  file: string;
  absFile: string;
  index: number;
  /** The settings at the top of its file (empty for a one-scenario file: they are the entry's own). */
  settings: ScenarioSettings;
  entry: ScenarioEntry;
  flow: FlowFile;
  flowPath: string | null;
  mocks: MocksFile | null;
  mocksPath: string | null;
}

/**
 * A scenario with its file's settings merged in, the way FileLoader merges them: the
 * scenario's own setting wins, overrides are merged by route, tags are the file's then its own.
 */
export function toLoadedScenario(p: ScenarioParts): LoadedScenario {
  const { settings: file, entry } = p;
  return {
    id: p.id,
    name: entry.name,
    description: entry.description ?? file.description ?? null,
    file: p.file,
    absFile: p.absFile,
    index: p.index,
    flow: p.flow,
    flowPath: p.flowPath,
    mocks: p.mocks,
    mocksPath: p.mocksPath,
    overrides: { ...(file.overrides ?? {}), ...(entry.overrides ?? {}) },
    ...(file.state !== undefined || entry.state !== undefined ? { state: { ...(file.state ?? {}), ...(entry.state ?? {}) } } : {}),
    clock: entry.clock ?? file.clock ?? 'virtual',
    timeScale: entry.timeScale ?? file.timeScale ?? 1,
    baseUrl: entry.baseUrl ?? file.baseUrl ?? null,
    seed: entry.seed ?? file.seed ?? null,
    tags: [...new Set([...(file.tags ?? []), ...(entry.tags ?? [])])],
    user: entry.user ?? file.user ?? [],
    expect: entry.expect ?? file.expect ?? [],
    maxDurationMs: entry.maxDurationMs ?? file.maxDurationMs ?? null,
  };
}
