import type { Latency } from '../api/formats/mocks';
import type { SessionFile } from '../api/formats/session';
import type { LatencyFit, LatencySource } from '../api/routes/analysis-tune';
import type { MockJournalEntry } from '../api/routes/mocks';
import type { LoadedScenario } from '../formats/loaded-scenario';
import { endpointOf } from './endpoint-requests';
import { fitLatencies } from './fit-latencies';
import { harLatencies } from './har-latencies';
import { journalLatencies } from './journal-latencies';
import type { ObservationSet } from './latency-observation';
import { sessionLatencies } from './session-latencies';

/** How the caller reads what a source names: the library's sessions, a journal. */
export interface ObservationReaders {
  /** Recorded sessions of the flow named `flowName`. */
  sessions(flowName: string): Promise<readonly SessionFile[]> | readonly SessionFile[];
  /** A mock server's journal entries, by its URL (undefined: the caller's own mock server) — and how to name it. */
  journal(url: string | undefined): Promise<{ entries: readonly MockJournalEntry[]; source: string }>;
}

/** The endpoint's observed latencies from a source of observations (not a model). */
export async function observationsOf(
  source: Exclude<LatencySource, { kind: 'model' }>,
  scenario: LoadedScenario,
  endpointId: string,
  readers: ObservationReaders,
): Promise<ObservationSet> {
  const endpoint = endpointOf(scenario.flow, endpointId);
  switch (source.kind) {
    case 'har':
      return harLatencies(source.har, endpoint, source.name ?? 'HAR document');
    case 'sessions':
      return sessionLatencies(await readers.sessions(scenario.flow.name), endpoint.id, scenario.flow.name);
    case 'journal': {
      const { entries, source: name } = await readers.journal(source.url);
      return journalLatencies(entries, scenario.flow, endpoint, name);
    }
  }
}

/** The model a tune samples from: the one given, or a lognormal fitted to observations. */
export async function latencyModelOf(
  source: LatencySource,
  scenario: LoadedScenario,
  endpoint: string,
  readers: ObservationReaders,
): Promise<{ model: Latency; fit: LatencyFit | null }> {
  if (source.kind === 'model') return { model: source.model, fit: null };
  const fit = fitLatencies(await observationsOf(source, scenario, endpoint, readers), endpoint);
  return { model: fit.model, fit };
}
