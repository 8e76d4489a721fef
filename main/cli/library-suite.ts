import type { ScenarioResult } from '../api/formats/results';
import type { RunSummary } from '../api/routes/library-runs';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { recordRun, selectStoredScenarios } from '../store/library-runs';
import type { StoredScenario } from '../store/stored-scenarios';
import type { Store } from '../store/store';
import type { CliIo } from './cli-io';
import { withLibrary } from './library-db';

/** The scenarios of the library, for `flowbench run --db`, and how to record their results as a run. */
export interface LibrarySuite {
  readonly file: string;
  readonly scenarios: readonly LoadedScenario[];
  /** Saves the results (those of library scenarios are linked to them) as one run. */
  record(results: readonly { scenario: LoadedScenario; result: ScenarioResult }[], startedAt: string, filter: Record<string, unknown>): RunSummary;
}

export function librarySuite(store: Store): LibrarySuite {
  const stored = selectStoredScenarios(store, {});
  const byLoaded = new Map<LoadedScenario, StoredScenario>(stored.flatMap((s) => s.loaded.map((loaded) => [loaded, s] as const)));
  return {
    file: store.file,
    scenarios: stored.flatMap((s) => s.loaded),
    record(results, startedAt, filter) {
      const { run } = recordRun(store, {
        startedAt,
        finishedAt: new Date().toISOString(),
        source: 'cli',
        filter,
        results: results.map(({ scenario, result }) => {
          const s = byLoaded.get(scenario);
          return { scenarioId: s?.row.id ?? null, result, flowSha256: s?.flowSha256 ?? null, mocksSha256: s?.mocksSha256 ?? null };
        }),
      });
      return run;
    },
  };
}

/**
 * Runs `fn` with the library `--db` names (`true`: the default file), or with none when
 * `--db` is not given. The library is opened for writing, and its write lock taken once,
 * before anything runs: a locked or read-only library stops the command at once (exit
 * code 3, the file named) instead of after the whole run.
 */
export function withOptionalLibrary(db: string | true | undefined, io: CliIo, fn: (suite: LibrarySuite | null) => Promise<number>): Promise<number> {
  if (db === undefined) return fn(null);
  return withLibrary('run', db === true ? undefined : db, io, 'write', (store) => fn(librarySuite(store)));
}
