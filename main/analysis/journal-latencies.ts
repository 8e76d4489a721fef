import type { Endpoint, FlowFile } from '../api/formats/flow';
import type { MockJournalEntry } from '../api/routes/mocks';
import { EndpointRequests } from './endpoint-requests';
import type { LatencyObservation, ObservationSet } from './latency-observation';

/**
 * The endpoint's latencies in a mock server's request journal (SPEC §4). An entry is the
 * endpoint's when the module that sent it (`x-flowbench-module`) calls the endpoint in this
 * flow, else (no module header, or another flow's module) when its method and path fit the
 * endpoint's URL. An answered entry (a status sent, the client still there) is observed at
 * its `latencyMs` (the latency the server applied; when proxying, the real API's). An entry
 * without an answer (`hang`, `reset`, `empty`) or whose client gave up first is censored at
 * `durationMs`, the time the exchange lasted.
 */
export function journalLatencies(entries: readonly MockJournalEntry[], flow: FlowFile, endpoint: Endpoint, source: string): ObservationSet {
  const requests = new EndpointRequests(endpoint);
  const moduleEndpoint = new Map<string, string>();
  for (const m of flow.modules) if ('endpoint' in m && typeof m.endpoint === 'string') moduleEndpoint.set(m.id, m.endpoint);
  const observations: LatencyObservation[] = [];
  let skipped = 0;
  for (const entry of entries) {
    const byModule = entry.module !== null ? moduleEndpoint.get(entry.module) : undefined;
    const mine = byModule !== undefined ? byModule === endpoint.id : requests.matches(entry.method, entry.path);
    if (!mine) {
      skipped++;
      continue;
    }
    observations.push(observationOf(entry));
  }
  return { source, observations, skipped };
}

function observationOf(entry: MockJournalEntry): LatencyObservation {
  if (entry.status !== null && !entry.clientGaveUp) return { ms: entry.latencyMs, censored: false };
  return { ms: entry.durationMs, censored: true };
}
