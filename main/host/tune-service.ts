import { randomUUID } from 'node:crypto';
import type { LatencyFit, LatencySource, TuneTable } from '../api/routes/analysis-tune';
import type { RunOutcome } from '../api/routes/runs';
import { patchFlow } from '../analysis/await-loop';
import type { ModulePatch } from '../analysis/await-loop';
import { fitLatencies } from '../analysis/fit-latencies';
import { fetchJournal } from '../analysis/journal-fetch';
import { latencyModelOf, observationsOf } from '../analysis/latency-source';
import type { ObservationReaders } from '../analysis/latency-source';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { effectiveSeed } from '../scenario/scenario-result';
import { selectStoredScenarios } from '../store/library-runs';
import { recordedSessionsOf } from '../store/recorded-sessions';
import type { ExampleFiles } from './example-files';
import { HostError } from './host-error';
import type { MockService } from './mock-service';
import type { StoreService } from './store-service';
import { pooledRun, pooledValue } from './pooled-jobs';
import { inlineJobs } from '../workers/job-runner';
import type { JobRunner } from '../workers/job-runner';

/** An example scenario file and index, or a library scenario and its `each:` row. */
export interface ScenarioPick {
  file?: string | undefined;
  index: number;
  scenarioId?: number | undefined;
  row: number;
}

/** Timeout tuning for the workbench: fits, tune tables, and a candidate's sample run. */
export class TuneService {
  constructor(
    private readonly files: ExampleFiles,
    private readonly store: StoreService,
    private readonly mocks: MockService,
    /** Tunes and sample runs go to the host's worker pool (inline by default). */
    private readonly jobs: JobRunner = inlineJobs,
  ) {}

  async fit(input: ScenarioPick & { endpoint: string; source: LatencySource }): Promise<LatencyFit> {
    const scenario = await this.scenario(input);
    const source = input.source;
    if (source.kind === 'model') throw new HostError('invalid_input', 'a model needs no fitting', [{ path: 'source.kind', message: 'expected har, sessions or journal' }]);
    return this.guard('source', async () => fitLatencies(await observationsOf(source, scenario, input.endpoint, this.readers()), input.endpoint));
  }

  async tune(
    input: ScenarioPick & {
      endpoint: string;
      source: LatencySource;
      timeouts?: number[] | undefined;
      counters?: number[] | undefined;
      samples: number;
      seed?: number | undefined;
      maxDeadAirMs: number;
      await?: string | undefined;
    },
  ): Promise<TuneTable> {
    const scenario = await this.scenario(input);
    const latency = await this.guard('source', () => latencyModelOf(input.source, scenario, input.endpoint, this.readers()));
    return pooledValue(
      this.jobs,
      {
        kind: 'tune',
        scenario,
        endpoint: input.endpoint,
        model: latency.model,
        fit: latency.fit ?? null,
        ...(input.timeouts !== undefined ? { timeouts: input.timeouts } : {}),
        ...(input.counters !== undefined ? { counters: input.counters } : {}),
        samples: input.samples,
        seed: input.seed ?? effectiveSeed(scenario),
        maxDeadAirMs: input.maxDeadAirMs,
        ...(input.await !== undefined ? { await: input.await } : {}),
      },
      'endpoint',
    );
  }

  /** One sample of a candidate, in virtual time: the flow patched, the latency pinned, the sample's seed. */
  async tuneRun(input: ScenarioPick & { patch: ModulePatch; endpointLatency: Record<string, number>; seed: number }): Promise<RunOutcome> {
    const scenario = await this.scenario(input);
    for (const endpoint of Object.keys(input.endpointLatency)) {
      if (!scenario.flow.endpoints.some((e) => e.id === endpoint)) {
        throw new HostError('invalid_input', `the flow has no endpoint '${endpoint}'`, [{ path: `endpointLatency.${endpoint}`, message: 'not an endpoint of the flow' }]);
      }
    }
    // The patch is checked here, where a bad one is invalid input at `patch`; the worker applies it.
    await this.guard('patch', () => patchFlow(scenario.flow, input.patch));
    const result = await pooledRun(this.jobs, { kind: 'run', scenario, patch: input.patch, seed: input.seed, endpointLatency: input.endpointLatency });
    return { runId: randomUUID(), flowFile: scenario.flowPath, result, appliedPatches: {} };
  }

  private async scenario(pick: ScenarioPick): Promise<LoadedScenario> {
    if (pick.scenarioId === undefined) return this.files.scenario(pick.file ?? '', pick.index);
    const id = pick.scenarioId;
    const stored = await this.store.use((store) => selectStoredScenarios(store, { ids: [id] }));
    const rows = stored[0]?.loaded ?? [];
    const scenario = rows[pick.row];
    if (!scenario) throw new HostError('not_found', `library scenario ${id} has ${rows.length} row(s); there is no row ${pick.row}`);
    return scenario;
  }

  private readers(): ObservationReaders {
    return {
      sessions: (flowName) => this.store.use((store) => recordedSessionsOf(store, flowName).sessions),
      journal: async (url) => {
        if (url !== undefined) return { entries: await fetchJournal(url), source: `the journal of ${url}` };
        const status = this.mocks.status();
        if (!status.running) throw new Error('the mock server is not running: start it in the Mocks view, or give a journal URL');
        return { entries: this.mocks.journal({ limit: 100_000 }).entries, source: `the journal of the workbench's mock server (${status.url ?? ''})` };
      },
    };
  }

  /** Runs `fn`; a plain error (bad source, unknown endpoint, too few data) becomes invalid input at `path`. */
  private async guard<T>(path: string, fn: () => Promise<T> | T): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof HostError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new HostError('invalid_input', message, [{ path, message }]);
    }
  }
}
