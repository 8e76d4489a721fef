import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import type { SessionFile } from '../../../main/api/formats/session';
import type { ReplayOutcome, SessionListEntry } from '../../../main/api/routes/sessions';
import { useClient } from '../api/client';
import { errorMessage } from './error-message';

/** A recorded session as sessions.list describes it: how it went, without fetching it. */
export type SessionListItem = SessionListEntry;

/** How a recorded session is replayed in virtual time. */
export interface ReplayOptions {
  /** An edited flow file (relative to examples/); null replays the flow as recorded. */
  flowFile: string | null;
  /** The same gaps after each bot turn instead of the recorded times. */
  relative: boolean;
  answers: 'recording' | 'mocks';
  /** With answers from mocks: this mocks file instead of the session's. */
  mocksFile: string | null;
  /** A fixed latency per endpoint (ms); endpoints left out answer as recorded. */
  endpointLatency: Record<string, number>;
}

export const DEFAULT_REPLAY: ReplayOptions = { flowFile: null, relative: false, answers: 'recording', mocksFile: null, endpointLatency: {} };

/** The recorded sessions, the one picked, and its replay in virtual time with the divergence. */
export const useRecordingsStore = defineStore('recordings', () => {
  const items = shallowRef<SessionListItem[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const selectedId = ref<string | null>(null);
  const selected = shallowRef<SessionFile | null>(null);
  const selectedError = ref<string | null>(null);
  const replayOptions = ref<ReplayOptions>({ ...DEFAULT_REPLAY, endpointLatency: {} });
  const replay = shallowRef<ReplayOutcome | null>(null);
  /** The options the replay on screen ran with. */
  const replayedWith = shallowRef<ReplayOptions | null>(null);
  const replaying = ref(false);
  const replayError = ref<string | null>(null);

  async function refresh(): Promise<void> {
    loading.value = true;
    try {
      items.value = (await useClient().call('sessions.list', { limit: 200, offset: 0 })).sessions;
      error.value = null;
      loaded.value = true;
      if (selectedId.value !== null && !items.value.some((s) => s.id === selectedId.value)) deselect();
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      loading.value = false;
    }
  }

  function deselect(): void {
    selectedId.value = null;
    selected.value = null;
    replay.value = null;
    replayedWith.value = null;
  }

  async function select(id: string): Promise<void> {
    if (selectedId.value !== id) {
      replay.value = null;
      replayedWith.value = null;
      replayError.value = null;
      replayOptions.value = { ...DEFAULT_REPLAY, endpointLatency: {} };
    }
    selectedId.value = id;
    selectedError.value = null;
    try {
      const session = await useClient().call('sessions.get', { id });
      if (selectedId.value === id) selected.value = markRaw(session);
    } catch (e) {
      selectedError.value = errorMessage(e);
    }
  }

  async function runReplay(): Promise<ReplayOutcome | null> {
    const id = selectedId.value;
    if (id === null || replaying.value) return null;
    const options: ReplayOptions = { ...replayOptions.value, endpointLatency: { ...replayOptions.value.endpointLatency } };
    replaying.value = true;
    replayError.value = null;
    try {
      const outcome = await useClient().call('sessions.replay', {
        id,
        relative: options.relative,
        answers: options.answers,
        endpointLatency: options.endpointLatency,
        ...(options.flowFile !== null ? { flowFile: options.flowFile } : {}),
        ...(options.answers === 'mocks' && options.mocksFile !== null ? { mocksFile: options.mocksFile } : {}),
      });
      if (selectedId.value === id) {
        replay.value = markRaw(outcome);
        replayedWith.value = options;
      }
      return outcome;
    } catch (e) {
      replayError.value = errorMessage(e);
      return null;
    } finally {
      replaying.value = false;
    }
  }

  async function remove(id: string): Promise<void> {
    try {
      await useClient().call('sessions.delete', { id });
      if (selectedId.value === id) deselect();
      await refresh();
    } catch (e) {
      error.value = errorMessage(e);
    }
  }

  return {
    items,
    loading,
    loaded,
    error,
    selectedId,
    selected,
    selectedError,
    replayOptions,
    replay,
    replayedWith,
    replaying,
    replayError,
    refresh,
    select,
    deselect,
    runReplay,
    remove,
  };
});
