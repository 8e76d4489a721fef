import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { FlowCoverage, SweepResult } from '../../../main/api/routes/analysis';
import { useClient } from '../api/client';
import { errorMessage } from './error-message';
import { useExamplesStore } from './use-examples-store';

/** A scenario that runs a given flow: of an example file, or of the library (with its id). */
export interface FlowScenario {
  file: string;
  index: number;
  name: string;
  scenarioId: number | null;
}

export interface SweepRequest {
  scenario: FlowScenario;
  endpoint: string;
  from: number;
  to: number;
  step: number;
}

/**
 * Port coverage of the example scenarios, per flow file, with the scenarios that ran each
 * flow, and the boundary explorer (which latencies of one endpoint send a scenario down
 * which path).
 */
export const useAnalysisStore = defineStore('analysis', () => {
  /** Coverage by flow file (absolute, as the host names it), with the scenarios that ran it. */
  const coverage = shallowRef<Map<string, FlowCoverage>>(new Map());
  const coverageLoading = ref(false);
  const coverageLoaded = ref(false);
  const coverageError = ref<string | null>(null);

  const sweep = shallowRef<SweepResult | null>(null);
  const sweptWith = shallowRef<SweepRequest | null>(null);
  const sweeping = ref(false);
  const sweepError = ref<string | null>(null);

  /** Runs every valid example scenario file (virtual time, fast) in one analysis.coverage call. */
  async function loadCoverage(): Promise<void> {
    if (coverageLoading.value) return;
    coverageLoading.value = true;
    try {
      const examples = useExamplesStore();
      if (examples.files.length === 0) await examples.load();
      const files = examples.scenarios.filter((f) => f.issues.length === 0).map((f) => f.path);
      if (files.length === 0) {
        coverage.value = new Map();
      } else {
        const { flows } = await useClient().call('analysis.coverage', { files });
        coverage.value = new Map(flows.flatMap((f) => (f.file !== null ? [[f.file, f] as const] : [])));
      }
      coverageError.value = null;
      coverageLoaded.value = true;
    } catch (e) {
      coverageError.value = errorMessage(e);
    } finally {
      coverageLoading.value = false;
    }
  }

  /** The example scenarios that ran this flow file (absolute path), as the coverage lists them. */
  function scenariosOf(flowFile: string): FlowScenario[] {
    return (coverage.value.get(flowFile)?.runs ?? []).map((r) => ({ file: r.file, index: r.index, name: r.name, scenarioId: r.scenarioId }));
  }

  async function runSweep(request: SweepRequest): Promise<void> {
    sweeping.value = true;
    sweepError.value = null;
    try {
      const { scenario } = request;
      sweep.value = await useClient().call('analysis.sweep', {
        ...(scenario.scenarioId !== null ? { scenarioId: scenario.scenarioId } : { file: scenario.file, index: scenario.index }),
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

  return { coverage, coverageLoading, coverageLoaded, coverageError, sweep, sweptWith, sweeping, sweepError, loadCoverage, scenariosOf, runSweep, clearSweep };
});
