import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ExampleFile } from '../../../main/api/routes/examples';
import { useClient } from '../api/client';
import { errorMessage } from './error-message';

export const useExamplesStore = defineStore('examples', () => {
  const root = ref<string | null>(null);
  const files = ref<ExampleFile[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);

  const flows = computed(() => files.value.filter((f) => f.kind === 'flow'));
  const scenarios = computed(() => files.value.filter((f) => f.kind === 'scenario'));
  const mocks = computed(() => files.value.filter((f) => f.kind === 'mocks'));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const result = await useClient().call('examples.list', {});
      root.value = result.root;
      files.value = result.files;
      error.value = null;
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      loading.value = false;
    }
  }

  return { root, files, flows, scenarios, mocks, loading, error, load };
});
