import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { LatencySource, TuneCandidate, TuneSample, TuneTable } from '../../../main/api/routes/analysis-tune';
import { useClient } from '../api/client';
import type { FlowScenario } from './use-analysis-store';
import { errorMessage } from './error-message';
import { useRunsStore } from './use-runs-store';

export interface TuneRequest {
  scenario: FlowScenario;
  endpoint: string;
  source: LatencySource;
  samples: number;
  maxDeadAirMs: number;
}

/** The scenario as the tune routes name it: an example file and index, or a library scenario. */
function pick(scenario: FlowScenario): { file: string; index: number } | { scenarioId: number } {
  return scenario.scenarioId !== null ? { scenarioId: scenario.scenarioId } : { file: scenario.file, index: scenario.index };
}

/** Timeout tuning in the Flows view (SPEC §7.4): the table of the last tune, and a candidate's sample run. */
export const useTuneStore = defineStore('tune', () => {
  const table = shallowRef<TuneTable | null>(null);
  /** The scenario and endpoint of the table on screen (what a sample run needs). */
  const tunedWith = shallowRef<{ scenario: FlowScenario; endpoint: string } | null>(null);
  const tuning = ref(false);
  const error = ref<string | null>(null);
  const opening = ref<string | null>(null);
  const openError = ref<string | null>(null);

  async function tune(request: TuneRequest): Promise<void> {
    tuning.value = true;
    error.value = null;
    try {
      table.value = await useClient().call('analysis.tune', {
        ...pick(request.scenario),
        endpoint: request.endpoint,
        source: request.source,
        samples: request.samples,
        maxDeadAirMs: request.maxDeadAirMs,
      });
      tunedWith.value = { scenario: request.scenario, endpoint: request.endpoint };
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      tuning.value = false;
    }
  }

  /** Runs one sample of a candidate (the flow patched as it says) and loads it as the current run. */
  async function openSample(candidate: TuneCandidate, sample: TuneSample, key: string): Promise<boolean> {
    const request = tunedWith.value;
    const shown = table.value;
    if (!request || !shown || opening.value !== null) return false;
    opening.value = key;
    openError.value = null;
    try {
      const outcome = await useClient().call('analysis.tuneRun', {
        ...pick(request.scenario),
        patch: candidate.patch,
        endpointLatency: { [shown.endpoint]: sample.latencyMs },
        seed: sample.seed,
      });
      const what = `${request.scenario.name} — timeout ${candidate.timeoutMs} ms${candidate.counterMax === null ? '' : `, max ${candidate.counterMax}`}, sample ${sample.sample} (${sample.latencyMs} ms)`;
      const source =
        request.scenario.scenarioId !== null
          ? { kind: 'library' as const, scenarioId: request.scenario.scenarioId, name: what }
          : { kind: 'example' as const, file: request.scenario.file, index: request.scenario.index, name: what };
      useRunsStore().load({ source, runId: outcome.runId, resultId: null, libraryFlowId: null, flowFile: outcome.flowFile, result: outcome.result, appliedPatches: outcome.appliedPatches });
      return true;
    } catch (e) {
      openError.value = errorMessage(e);
      return false;
    } finally {
      opening.value = null;
    }
  }

  function clear(): void {
    table.value = null;
    tunedWith.value = null;
    error.value = null;
  }

  return { table, tunedWith, tuning, error, opening, openError, tune, openSample, clear };
});
