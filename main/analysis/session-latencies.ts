import type { Exchange, SessionFile } from '../api/formats/session';
import type { LatencyObservation, ObservationSet } from './latency-observation';

/**
 * The endpoint's latencies in recorded sessions (SPEC §6), real clock only (a virtual-clock
 * session's latencies came from a model, not from the API). A recorded exchange names its
 * endpoint. An answer (any status; a malformed body is still an answer) is observed at
 * `arrivedAt − sentAt`; a timeout, an abandoned request, a reset or a closed connection is
 * censored at `at − sentAt`: its answer, if any, would have come later.
 */
export function sessionLatencies(sessions: readonly SessionFile[], endpoint: string, flowName: string): ObservationSet {
  const observations: LatencyObservation[] = [];
  let skipped = 0;
  let used = 0;
  for (const session of sessions) {
    if (session.clock !== 'real' || session.flow.name !== flowName) {
      skipped += session.exchanges.length;
      continue;
    }
    used++;
    for (const exchange of session.exchanges) {
      if (exchange.endpoint !== endpoint) {
        skipped++;
        continue;
      }
      observations.push(observationOf(exchange));
    }
  }
  return { source: `${used} recorded real-clock session${used === 1 ? '' : 's'} of flow "${flowName}"`, observations, skipped };
}

function observationOf(exchange: Exchange): LatencyObservation {
  const outcome = exchange.outcome;
  if ('arrivedAt' in outcome) return { ms: Math.max(0, outcome.arrivedAt - exchange.sentAt), censored: false };
  if (outcome.error === 'malformed') return { ms: Math.max(0, outcome.at - exchange.sentAt), censored: false };
  return { ms: Math.max(0, outcome.at - exchange.sentAt), censored: true };
}
