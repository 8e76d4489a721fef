import { ref, shallowRef } from 'vue';
import type { FlowSummary } from '../../../main/api/routes/library-flows';
import type { MockSetSummary } from '../../../main/api/routes/library-mock-sets';
import { useClient } from '../api/client';
import { useScenariosStore } from '../stores/use-scenarios-store';

/**
 * What the scenario form picks from: the library's flows and mock sets, and the settings a
 * scenario file gives its scenarios (read from one of its scenarios).
 */
export function useLibraryRefs() {
  const flows = shallowRef<FlowSummary[]>([]);
  const mockSets = shallowRef<MockSetSummary[]>([]);
  const error = ref<string | null>(null);
  const store = useScenariosStore();
  const settingsByFile = new Map<string, Record<string, unknown>>();

  async function load(): Promise<void> {
    try {
      const client = useClient();
      const [f, m] = await Promise.all([client.call('flows.list', {}), client.call('mockSets.list', {})]);
      flows.value = f.items;
      mockSets.value = m.items;
      error.value = null;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  /** The settings the file gives its scenarios; {} for a new file (or one the list does not show). */
  async function fileSettings(file: string): Promise<Record<string, unknown>> {
    const known = settingsByFile.get(file);
    if (known) return known;
    const member = store.items.find((s) => s.file === file);
    if (member === undefined) return {};
    const record = await store.get(member.id);
    const settings = record.fileSettings as Record<string, unknown>;
    settingsByFile.set(file, settings);
    return settings;
  }

  return { flows, mockSets, error, load, fileSettings, forget: () => settingsByFile.clear() };
}
