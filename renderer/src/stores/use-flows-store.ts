import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { FlowFileInput } from '../../../main/api/formats/flow';
import type { FlowView } from '../../../main/api/routes/flows';
import type { FlowSummary } from '../../../main/api/routes/library-flows';
import { useClient } from '../api/client';
import { errorMessage } from './error-message';
import { useExamplesStore } from './use-examples-store';

/** A flow file of examples/, or a flow of the SQLite library. */
export type FlowSource = { kind: 'example'; file: string } | { kind: 'library'; id: number; path: string };

export interface Position {
  x: number;
  y: number;
}

export function flowSourceKey(source: FlowSource): string {
  return source.kind === 'example' ? `example:${source.file}` : `library:${source.id}`;
}

/** The flow open in the graph: the file or library item, its validation issues and lints. */
export const useFlowsStore = defineStore('flows', () => {
  const source = ref<FlowSource | null>(null);
  const view = shallowRef<FlowView | null>(null);
  /** A library flow as written, kept to write dragged positions back. */
  const libraryBody = shallowRef<FlowFileInput | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const selectedModule = ref<string | null>(null);
  const library = ref<FlowSummary[]>([]);
  const libraryError = ref<string | null>(null);
  const saving = ref(false);
  const saveError = ref<string | null>(null);
  /** Set when a flow was opened to show a run whose flow we could not find. */
  const missingRunFlow = ref<string | null>(null);

  const flow = computed(() => view.value?.flow ?? null);
  const sourceKey = computed(() => (source.value ? flowSourceKey(source.value) : null));

  async function loadLibrary(): Promise<void> {
    try {
      library.value = (await useClient().call('flows.list', {})).items;
      libraryError.value = null;
    } catch (e) {
      libraryError.value = errorMessage(e);
    }
  }

  async function open(next: FlowSource): Promise<void> {
    source.value = next;
    loading.value = true;
    error.value = null;
    saveError.value = null;
    missingRunFlow.value = null;
    try {
      if (next.kind === 'example') {
        const opened = await useClient().call('flows.open', { file: next.file });
        libraryBody.value = null;
        if (sourceKey.value === flowSourceKey(next)) view.value = opened;
      } else {
        const client = useClient();
        const record = await client.call('flows.get', { id: next.id });
        libraryBody.value = record.flow;
        // The host checks the flow as written and lints it, as it does for files.
        const checked = await client.call('flows.check', { flow: record.flow });
        if (sourceKey.value === flowSourceKey(next)) view.value = { file: record.path, ...checked };
      }
      if (selectedModule.value !== null && !view.value?.flow?.modules.some((m) => m.id === selectedModule.value)) selectedModule.value = null;
    } catch (e) {
      view.value = null;
      error.value = errorMessage(e);
    } finally {
      loading.value = false;
    }
  }

  function reload(): Promise<void> {
    return source.value ? open(source.value) : Promise.resolve();
  }

  /**
   * Opens the flow a run used: the library flow it names, else the flow file it ran (an
   * example scenario), else the example flow with its name (an inline flow).
   */
  async function openForRun(run: { flowName: string | null; libraryFlowId: number | null; flowFile: string | null }): Promise<void> {
    const { flowName, libraryFlowId, flowFile } = run;
    if (libraryFlowId !== null) {
      if (source.value?.kind === 'library' && source.value.id === libraryFlowId) return;
      const summary = library.value.find((f) => f.id === libraryFlowId);
      await open({ kind: 'library', id: libraryFlowId, path: summary?.path ?? `#${libraryFlowId}` });
      return;
    }
    const examples = useExamplesStore();
    if (flowFile !== null) {
      if (examples.root === null) await examples.load();
      const file = examplePath(examples.root, flowFile);
      if (source.value?.kind === 'example' && source.value.file === file && view.value !== null) return;
      await open({ kind: 'example', file });
      return;
    }
    if (flowName === null || flow.value?.name === flowName) return;
    if (examples.files.length === 0) await examples.load();
    const file = examples.flows.find((f) => f.name === flowName);
    if (file) await open({ kind: 'example', file: file.path });
    else missingRunFlow.value = flowName;
  }

  /** Writes the positions of the modules into the flow file (or library flow). */
  async function savePositions(positions: Record<string, Position>): Promise<boolean> {
    const current = source.value;
    if (!current) return false;
    saving.value = true;
    saveError.value = null;
    try {
      if (current.kind === 'example') {
        await useClient().call('flows.savePositions', { file: current.file, positions });
      } else if (libraryBody.value) {
        const body = libraryBody.value;
        const modules = (body.modules ?? []).map((m) => (positions[m.id] ? { ...m, position: roundPosition(positions[m.id] as Position) } : m));
        const record = await useClient().call('flows.update', { id: current.id, flow: { ...body, modules } });
        libraryBody.value = record.flow;
      }
      // Keep the graph where the user put it: update the positions we hold as well.
      const shown = view.value;
      if (shown?.flow) {
        const modules = shown.flow.modules.map((m) => (positions[m.id] ? { ...m, position: roundPosition(positions[m.id] as Position) } : m));
        view.value = { ...shown, flow: { ...shown.flow, modules } };
      }
      return true;
    } catch (e) {
      saveError.value = errorMessage(e);
      return false;
    } finally {
      saving.value = false;
    }
  }

  function selectModule(id: string | null): void {
    selectedModule.value = id;
  }

  return {
    source,
    sourceKey,
    view,
    flow,
    loading,
    error,
    selectedModule,
    library,
    libraryError,
    saving,
    saveError,
    missingRunFlow,
    loadLibrary,
    open,
    reload,
    openForRun,
    savePositions,
    selectModule,
  };
});

/** A flow file as the Flows view lists it: relative to the examples folder when inside it. */
export function examplePath(root: string | null, file: string): string {
  if (root === null) return file;
  const slashes = (p: string): string => p.replace(/\\/g, '/');
  const base = slashes(root);
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const path = slashes(file);
  return path.startsWith(prefix) ? path.slice(prefix.length) : file;
}

function roundPosition(p: Position): Position {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}
