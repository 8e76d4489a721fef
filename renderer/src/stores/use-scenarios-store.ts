import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ApiIssue } from '../../../main/api/errors';
import { ApiCallError } from '../../../main/api/errors';
import type { HistoryEntry, RunResultSummary } from '../../../main/api/routes/library-runs';
import type { ImportSummary } from '../../../main/api/routes/library-files';
import type { ScenarioEntryInput, ScenarioRecord, ScenarioSummary } from '../../../main/api/routes/library-scenarios';
import { useClient } from '../api/client';
import { errorMessage } from './error-message';

export interface RunProgress {
  done: number;
  total: number;
  passed: number;
  failed: number;
  errors: number;
  /** The scenario that finished last, as the host reported it. */
  last: { name: string; status: string } | null;
  /** Stop was pressed: the run stops after the scenario it is running. */
  stopping: boolean;
  /** The run was stopped before it ran them all (`done` of `total` ran). */
  cancelled: boolean;
}

export interface ScenarioHistory {
  scenarioId: number;
  name: string;
  runs: HistoryEntry[];
  totals: { passed: number; failed: number; errors: number };
}

/** What the host said when it refused to save: nothing was saved. */
export interface SaveRefusal {
  message: string;
  issues: ApiIssue[];
}

/** Which of a scenario's results stands for it: an error over a failure over a pass. */
const STATUS_RANK: Record<RunResultSummary['status'], number> = { passed: 0, failed: 1, error: 2 };

/** The SQLite scenario library: search, tags, runs with progress, history, create and edit. */
export const useScenariosStore = defineStore('scenarios', () => {
  const items = shallowRef<ScenarioSummary[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const text = ref('');
  const tag = ref<string | null>(null);
  const tags = ref<{ tag: string; scenarios: number }[]>([]);
  const progress = ref<RunProgress | null>(null);
  /**
   * Results of the runs made in this session, by scenario id (the list shows them). A
   * data-driven scenario has one result per `each:` row: the worst of them stands for it.
   */
  const results = shallowRef<Map<number, RunResultSummary>>(new Map());
  /** Every result of the last run, one per scenario and `each:` row, in the order they ran. */
  const lastResults = shallowRef<RunResultSummary[]>([]);
  const history = shallowRef<ScenarioHistory | null>(null);
  const historyLoading = ref(false);
  const importing = ref(false);
  const importSummary = shallowRef<ImportSummary | null>(null);

  const files = computed(() => [...new Set(items.value.map((s) => s.file))].sort());

  /** Counts the loads asked for: only the latest one's answer is shown. */
  let loads = 0;

  /**
   * Lists the library for the search text and tag. Loads overlap (a save reloads while the
   * user types a search): an answer to a superseded load arrives late and is dropped, so the
   * list always shows the last search asked for, not the last answer to come back.
   */
  async function load(): Promise<void> {
    const mine = ++loads;
    loading.value = true;
    try {
      const client = useClient();
      const [list, tagList] = await Promise.all([
        client.call('scenarios.list', { ...(text.value.trim() ? { text: text.value.trim() } : {}), ...(tag.value ? { tag: tag.value } : {}), limit: 5000 }),
        client.call('scenarios.tags', {}),
      ]);
      if (mine !== loads) return;
      items.value = list.items;
      total.value = list.total;
      tags.value = tagList.tags;
      error.value = null;
      loaded.value = true;
    } catch (e) {
      if (mine === loads) error.value = errorMessage(e);
    } finally {
      if (mine === loads) loading.value = false;
    }
  }

  /** Imports flows, mocks and scenarios from a folder on the host (e.g. the examples). */
  async function importFolder(path: string): Promise<boolean> {
    importing.value = true;
    try {
      importSummary.value = await useClient().call('library.import', { paths: [path] });
      await load();
      return true;
    } catch (e) {
      error.value = errorMessage(e);
      return false;
    } finally {
      importing.value = false;
    }
  }

  /** The progress id of the library run going on, to stop it. */
  let runningId: string | null = null;
  /** Stop was pressed before the host knew the run: ask again when it reports progress. */
  let stopPending = false;

  /**
   * Runs the scenarios as one library run (one entry in the run history). The host reports
   * each scenario as it finishes (scenarios.progress, told apart by our progress id); Stop
   * ends the run after the scenario it is running, and what ran is recorded.
   */
  async function runMany(ids: readonly number[]): Promise<void> {
    if (progress.value !== null || ids.length === 0) return;
    const progressId = `ui-run-${++runCounter}-${Date.now()}`;
    const p: RunProgress = { done: 0, total: ids.length, passed: 0, failed: 0, errors: 0, last: null, stopping: false, cancelled: false };
    progress.value = p;
    runningId = progressId;
    stopPending = false;
    lastProgress.value = null;
    error.value = null;
    const stop = useClient().on('scenarios.progress', (event) => {
      if (event.progressId !== progressId || progress.value === null) return;
      const live = progress.value;
      live.done = Math.max(live.done, event.done);
      live.total = event.total;
      if (event.status === 'passed') live.passed++;
      else if (event.status === 'failed') live.failed++;
      else live.errors++;
      live.last = { name: event.name, status: event.status };
      if (stopPending) void askToStop(progressId);
    });
    try {
      const outcome = await useClient().call('scenarios.run', { ids: [...ids], progressId });
      const next = new Map(results.value);
      let passed = 0;
      let failed = 0;
      let errors = 0;
      const ranNow = new Set<number>();
      for (const r of outcome.results) {
        const before = ranNow.has(r.scenarioId) ? next.get(r.scenarioId) : undefined;
        if (before === undefined || STATUS_RANK[r.status] > STATUS_RANK[before.status]) next.set(r.scenarioId, r);
        ranNow.add(r.scenarioId);
        if (r.status === 'passed') passed++;
        else if (r.status === 'failed') failed++;
        else errors++;
      }
      results.value = next;
      lastResults.value = outcome.results;
      // The result is the truth, whatever events the page missed: how many ran, of how many asked.
      const total = outcome.cancelled ? Math.max(progress.value?.total ?? ids.length, outcome.results.length) : outcome.results.length;
      lastProgress.value = { done: outcome.results.length, total, passed, failed, errors, last: null, stopping: false, cancelled: outcome.cancelled };
      const shown = history.value?.scenarioId;
      if (shown !== undefined && ids.includes(shown)) void loadHistory(shown);
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      stop();
      runningId = null;
      stopPending = false;
      progress.value = null;
      await load();
    }
  }
  let runCounter = 0;
  const lastProgress = ref<RunProgress | null>(null);

  /** Stops the library run going on after the scenario it is running (scenarios.cancelRun). */
  async function stopRun(): Promise<void> {
    const p = progress.value;
    if (p === null || runningId === null || p.stopping) return;
    p.stopping = true;
    await askToStop(runningId);
  }

  async function askToStop(progressId: string): Promise<void> {
    stopPending = false;
    try {
      const { cancelled } = await useClient().call('scenarios.cancelRun', { progressId });
      // Not known to the host yet (or already over): ask again at the next scenario's end.
      if (!cancelled && runningId === progressId) stopPending = true;
    } catch (e) {
      error.value = `Could not stop the run: ${errorMessage(e)}`;
      if (progress.value !== null && runningId === progressId) progress.value.stopping = false;
    }
  }

  async function loadHistory(scenarioId: number): Promise<void> {
    historyLoading.value = true;
    try {
      const h = await useClient().call('scenarios.history', { scenarioId, limit: 50 });
      history.value = { scenarioId, name: h.scenario.name, runs: h.runs, totals: h.totals };
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      historyLoading.value = false;
    }
  }

  function get(id: number): Promise<ScenarioRecord> {
    return useClient().call('scenarios.get', { id });
  }

  /** Creates or replaces a scenario; on a refusal, returns what the host said (nothing saved). */
  async function save(target: { id: number } | { file: string | null }, scenario: ScenarioEntryInput): Promise<{ record: ScenarioRecord } | { refusal: SaveRefusal }> {
    try {
      const client = useClient();
      const record =
        'id' in target
          ? await client.call('scenarios.update', { id: target.id, scenario })
          : await client.call('scenarios.create', { ...(target.file ? { file: target.file } : {}), scenario });
      await load();
      return { record };
    } catch (e) {
      if (e instanceof ApiCallError) return { refusal: { message: e.message, issues: e.issues } };
      return { refusal: { message: errorMessage(e), issues: [] } };
    }
  }

  /** What the host would say to saving this scenario (scenarios.validate: nothing is saved). */
  async function validate(target: { id: number } | { file: string | null }, scenario: ScenarioEntryInput): Promise<ApiIssue[]> {
    const input = 'id' in target ? { id: target.id, scenario } : { ...(target.file ? { file: target.file } : {}), scenario };
    return (await useClient().call('scenarios.validate', input)).issues;
  }

  async function remove(id: number): Promise<void> {
    try {
      await useClient().call('scenarios.delete', { id });
      await load();
    } catch (e) {
      error.value = errorMessage(e);
    }
  }

  return {
    items,
    total,
    loading,
    loaded,
    error,
    text,
    tag,
    tags,
    files,
    progress,
    lastProgress,
    results,
    lastResults,
    history,
    historyLoading,
    importing,
    importSummary,
    load,
    importFolder,
    runMany,
    stopRun,
    loadHistory,
    get,
    save,
    validate,
    remove,
  };
});
