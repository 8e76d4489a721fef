import type { PlannedScenario } from './import-plan';
import type { ResolvedEntry } from './resolve-scenarios';
import type { ScenarioWrite } from './scenarios-repo';
import { scenarioSearchText } from './search-text';

/** Library ids of the flows and mock sets a scenario names by path. */
export interface IdsByKey {
  flow(key: string): number;
  mocks(key: string): number;
}

/** What the library stores of a checked scenario (every run of a data-driven scenario has the file's description, tags and flow: the first says them). */
export function plannedScenario(resolved: ResolvedEntry): PlannedScenario {
  const loaded = resolved.loaded[0];
  if (loaded === undefined) throw new Error(`scenario '${resolved.entry.name}' has no run`);
  return {
    name: resolved.entry.name,
    raw: resolved.raw,
    ownFlowKey: resolved.ownFlowKey,
    ownMocksKey: resolved.ownMocksKey,
    flowKey: resolved.flowKey,
    mocksKey: resolved.mocksKey,
    description: loaded.description,
    tags: loaded.tags,
    flowName: loaded.flow.name,
  };
}

/** The row of a checked scenario: its own settings as written, its links, and what lists and searches show. */
export function scenarioWriteOf(planned: PlannedScenario, filePath: string, position: number, ids: IdsByKey): ScenarioWrite {
  return {
    position,
    name: planned.name,
    body: JSON.stringify(planned.raw),
    ownFlowId: planned.ownFlowKey === null ? null : ids.flow(planned.ownFlowKey),
    ownMocksId: planned.ownMocksKey === null ? null : ids.mocks(planned.ownMocksKey),
    flowId: planned.flowKey === null ? null : ids.flow(planned.flowKey),
    mocksId: planned.mocksKey === null ? null : ids.mocks(planned.mocksKey),
    description: planned.description,
    tags: planned.tags,
    flowName: planned.flowName,
    searchText: scenarioSearchText({ name: planned.name, description: planned.description, file: filePath, flowName: planned.flowName, tags: planned.tags }),
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
