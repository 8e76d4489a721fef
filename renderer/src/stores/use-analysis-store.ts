import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { FlowCoverage, SweepResult } from '../../../main/api/routes/analysis';
import { useClient } from '../api/client';
import { errorMessage } from './error-message';
import { useExamplesStore } from './use-examples-store';

/** A scenario of an example file that runs a given flow. */
export interface FlowScenario {
  file: string;
  index: number;
  name: string;
}

export interface SweepRequest {
  scenario: FlowScenario;
  endpoint: string;
  from: number;
  to: number;
  step: number;
}

/**
 * Port coverage of the example scenarios, per flow file, and the boundary explorer (which
 * latencies of one endpoint send a scenario down which path).
 */
export const useAnalysisStore = defineStore('analysis', () => {
  /** Coverage by flow file (absolute, as the host names it). */
  const coverage = shallowRef<Map<string, FlowCoverage>>(new Map());
  /** The flow files each example scenario file runs (a file may name several). */
  const flowsOfFile = shallowRef<Map<string, Set<string>>>(new Map());
  const coverageLoading = ref(false);
  const coverageLoaded = ref(false);
  const coverageError = ref<string | null>(null);

  const sweep = shallowRef<SweepResult | null>(null);
  const sweptWith = shallowRef<SweepRequest | null>(null);
  const sweeping = ref(false);
  const sweepError = ref<string | null>(null);

  /**
   * Runs every valid example scenario file (virtual time, fast): once all together for the
   * coverage of each flow, and once per file to know which files run which flow.
   */
  async function loadCoverage(): Promise<void> {
    if (coverageLoading.value) return;
    coverageLoading.value = true;
    try {
      const examples = useExamplesStore();
      if (examples.files.length === 0) await examples.load();
      const files = examples.scenarios.filter((f) => f.issues.length === 0).map((f) => f.path);
      if (files.length === 0) {
        coverage.value = new Map();
        flowsOfFile.value = new Map();
      } else {
        const client = useClient();
        const [all, ...each] = await Promise.all([client.call('analysis.coverage', { files }), ...files.map((file) => client.call('analysis.coverage', { files: [file] }))]);
        coverage.value = new Map(all.flows.filter((f) => f.file !== null).map((f) => [f.file as string, f]));
        flowsOfFile.value = new Map(files.map((file, i) => [file, new Set((each[i]?.flows ?? []).map((f) => f.file).filter((f): f is string => f !== null))]));
      }
      coverageError.value = null;
      coverageLoaded.value = true;
    } catch (e) {
      coverageError.value = errorMessage(e);
    } finally {
      coverageLoading.value = false;
    }
  }

  /** The example scenarios that run this flow file (absolute path). */
  function scenariosOf(flowFile: string): FlowScenario[] {
    const examples = useExamplesStore();
    const out: FlowScenario[] = [];
    for (const file of examples.scenarios) {
      if (!flowsOfFile.value.get(file.path)?.has(flowFile)) continue;
      file.scenarios.forEach((name, index) => out.push({ file: file.path, index, name }));
    }
    return out;
  }

  async function runSweep(request: SweepRequest): Promise<void> {
    sweeping.value = true;
    sweepError.value = null;
    try {
      sweep.value = await useClient().call('analysis.sweep', {
        file: request.scenario.file,
        index: request.scenario.index,
        endpoint: request.endpoint,
        from: request.from,
        to: request.to,
        step: request.step,
      });
      sweptWith.value = request;
    } catch (e) {
      sweepError.value = errorMessage(e);
    } finally {
      sweeping.value = false;
    }
  }

  function clearSweep(): void {
    sweep.value = null;
    sweptWith.value = null;
    sweepError.value = null;
  }

  return { coverage, flowsOfFile, coverageLoading, coverageLoaded, coverageError, sweep, sweptWith, sweeping, sweepError, loadCoverage, scenariosOf, runSweep, clearSweep };
});
