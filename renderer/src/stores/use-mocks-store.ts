import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { RouteOverride } from '../../../main/api/formats/mocks';
import type { MockJournalEntry, MockServerStatus } from '../../../main/api/routes/mocks';
import { useClient } from '../api/client';
import { errorMessage } from './error-message';

/** A mocks file of examples/, or a mock set of the library. */
export type MockSetSource = { kind: 'example'; file: string } | { kind: 'library'; id: number; name: string };

export interface PatchState {
  saving: boolean;
  error: string | null;
  appliedAt: number | null;
}

/** The journal keeps at most this many entries in memory (the newest). */
export const JOURNAL_LIMIT = 5000;

/** The workbench's mock server: start/stop, live route patches, the request journal. */
export const useMocksStore = defineStore('mocks', () => {
  const status = shallowRef<MockServerStatus | null>(null);
  const busy = ref(false);
  const error = ref<string | null>(null);
  const selected = ref<MockSetSource | null>(null);
  const journal = shallowRef<MockJournalEntry[]>([]);
  const journalTotal = ref(0);
  const patchStates = ref<Record<string, PatchState>>({});
  let unsubscribe: (() => void) | null = null;

  const running = computed(() => status.value?.running ?? false);

  function append(entries: readonly MockJournalEntry[]): void {
    if (entries.length === 0) return;
    const byId = new Map(journal.value.map((e) => [e.id, e]));
    for (const e of entries) byId.set(e.id, e);
    const merged = [...byId.values()].sort((a, b) => a.id - b.id);
    journal.value = merged.length > JOURNAL_LIMIT ? merged.slice(merged.length - JOURNAL_LIMIT) : merged;
  }

  /** Streams journal entries in for as long as the workbench runs. */
  function listen(): void {
    unsubscribe ??= useClient().on('mocks.journal', (entry) => {
      append([entry]);
      journalTotal.value = Math.max(journalTotal.value + 1, entry.id);
    });
  }

  async function refresh(): Promise<void> {
    try {
      status.value = await useClient().call('mocks.status', {});
      error.value = null;
      if (status.value.running) await loadJournal();
    } catch (e) {
      error.value = errorMessage(e);
    }
  }

  async function loadJournal(): Promise<void> {
    try {
      const page = await useClient().call('mocks.journal', { limit: 1000 });
      append(page.entries);
      journalTotal.value = page.total;
    } catch (e) {
      error.value = errorMessage(e);
    }
  }

  /** Starts (or restarts) the server with a mock set; `port` 0 or absent: any free port. */
  async function start(source: MockSetSource, port?: number): Promise<void> {
    busy.value = true;
    error.value = null;
    try {
      const client = useClient();
      if (source.kind === 'example') {
        status.value = await client.call('mocks.start', { file: source.file, ...(port ? { port } : {}) });
      } else {
        const record = await client.call('mockSets.get', { id: source.id });
        status.value = await client.call('mocks.start', { mocks: record.mocks, ...(port ? { port } : {}) });
      }
      selected.value = source;
      journal.value = [];
      journalTotal.value = 0;
      patchStates.value = {};
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      busy.value = false;
    }
  }

  async function stop(): Promise<void> {
    busy.value = true;
    try {
      status.value = await useClient().call('mocks.stop', {});
      patchStates.value = {};
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      busy.value = false;
    }
  }

  /** Applies a change to one route of the running server (the next request uses it). */
  async function patch(routeId: string, override: RouteOverride): Promise<boolean> {
    patchStates.value = { ...patchStates.value, [routeId]: { saving: true, error: null, appliedAt: patchStates.value[routeId]?.appliedAt ?? null } };
    try {
      status.value = await useClient().call('mocks.patchRoute', { routeId, override });
      patchStates.value = { ...patchStates.value, [routeId]: { saving: false, error: null, appliedAt: Date.now() } };
      return true;
    } catch (e) {
      patchStates.value = { ...patchStates.value, [routeId]: { saving: false, error: errorMessage(e), appliedAt: patchStates.value[routeId]?.appliedAt ?? null } };
      return false;
    }
  }

  async function clearJournal(): Promise<void> {
    try {
      await useClient().call('mocks.clearJournal', {});
      journal.value = [];
      journalTotal.value = 0;
    } catch (e) {
      error.value = errorMessage(e);
    }
  }

  return { status, running, busy, error, selected, journal, journalTotal, patchStates, listen, refresh, loadJournal, start, stop, patch, clearJournal };
});
