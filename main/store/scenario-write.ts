import type { ResolvedEntry } from './resolve-scenarios';
import type { ScenarioWrite } from './scenarios-repo';
import { scenarioSearchText } from './search-text';

/** Library ids of the flows and mock sets a scenario names by path. */
export interface IdsByKey {
  flow(key: string): number;
  mocks(key: string): number;
}

/** The row of a checked scenario: its own settings as written, its links, and what lists and searches show. */
export function scenarioWriteOf(resolved: ResolvedEntry, filePath: string, position: number, ids: IdsByKey): ScenarioWrite {
  // Every run of a data-driven scenario has the file's description, tags and flow: the first says them.
  const loaded = resolved.loaded[0];
  if (loaded === undefined) throw new Error(`scenario '${resolved.entry.name}' has no run`);
  return {
    position,
    name: resolved.entry.name,
    body: JSON.stringify(resolved.raw),
    ownFlowId: resolved.ownFlowKey === null ? null : ids.flow(resolved.ownFlowKey),
    ownMocksId: resolved.ownMocksKey === null ? null : ids.mocks(resolved.ownMocksKey),
    flowId: resolved.flowKey === null ? null : ids.flow(resolved.flowKey),
    mocksId: resolved.mocksKey === null ? null : ids.mocks(resolved.mocksKey),
    description: loaded.description,
    tags: loaded.tags,
    flowName: loaded.flow.name,
    searchText: scenarioSearchText({ name: resolved.entry.name, description: loaded.description, file: filePath, flowName: loaded.flow.name, tags: loaded.tags }),
  };
}

/** Whether a stored row already holds exactly this write (re-import leaves it untouched). */
export function sameScenario(
  row: { position: number; body: string; ownFlowId: number | null; ownMocksId: number | null; flowId: number | null; mocksId: number | null; description: string | null; tags: readonly string[]; flowName: string; name: string },
  write: ScenarioWrite,
): boolean {
  return (
    row.position === write.position &&
    row.name === write.name &&
    row.body === write.body &&
    row.ownFlowId === write.ownFlowId &&
    row.ownMocksId === write.ownMocksId &&
    row.flowId === write.flowId &&
    row.mocksId === write.mocksId &&
    row.description === write.description &&
    row.flowName === write.flowName &&
    JSON.stringify(row.tags) === JSON.stringify(write.tags)
  );
}
