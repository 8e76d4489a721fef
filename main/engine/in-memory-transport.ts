import type { JsonValue } from '../api/formats/common';
import type { CompiledMocks } from '../../mocks/core/compile-mocks';
import { decide } from '../../mocks/core/decide';
import type { Decision } from '../../mocks/core/decide';
import { RequestCounters } from '../../mocks/core/request-counters';
import { MockStates } from '../../mocks/core/mock-state';
import { splitUrl } from '../../mocks/core/mock-request';
import type { Clock } from './clock';
import { TaskPriority } from './clock';
import type { InFlight, OutgoingRequest, Transport, TransportOutcome } from './transport';

/** Called with every decision, e.g. to count or record what the mocks answered. */
export type DecisionListener = (request: OutgoingRequest, decision: Decision, sentAt: number) => void;

export interface InMemoryTransportOptions {
  clock: Clock;
  /** Null: no mock set, every request gets the 404 of an unmatched route. */
  mocks: CompiledMocks | null;
  seed: number;
  onDecision?: DecisionListener;
  /**
   * Latency by flow endpoint id, replacing whatever the mocks decide (the boundary
   * explorer sweeps it). Faults and responses still come from the mocks.
   */
  endpointLatency?: Readonly<Record<string, number>>;
}

/**
 * The virtual clock's transport: each request is decided by the same core as the Express
 * mock server, and its answer is scheduled on the clock at `sent + latency`.
 */
export class InMemoryTransport implements Transport {
  private readonly counters = new RequestCounters();
  /** The mock state per session, as the Express server keeps it (SPEC §7.3). */
  private readonly states: MockStates;
  private readonly clock: Clock;

  constructor(private readonly options: InMemoryTransportOptions) {
    this.clock = options.clock;
    this.states = new MockStates(options.mocks?.source.state);
  }

  send(request: OutgoingRequest, deliver: (outcome: TransportOutcome) => void): InFlight {
    const { path, query } = splitUrl(request.url);
    const sentAt = this.clock.now();
    const { mocks, seed, endpointLatency } = this.options;
    const decision: Decision = mocks
      ? decide(mocks, { method: request.method, path, query, headers: request.headers, body: request.body }, this.counters, seed, this.states)
      : unmatched(request.method, path);
    this.options.onDecision?.(request, decision, sentAt);
    if (decision.kind === 'matched' && decision.fault === 'hang') return { abort: () => {} };
    const latency = endpointLatency?.[request.endpoint] ?? (decision.kind === 'matched' ? decision.latencyMs : 0);
    const delay = latency + (decision.kind === 'matched' ? decision.slowBodyMs : 0);
    const outcome = toOutcome(decision);
    const handle = this.clock.schedule(sentAt + delay, TaskPriority.arrival, () => deliver(outcome));
    return { abort: () => this.clock.cancel(handle) };
  }
}

function toOutcome(decision: Decision): TransportOutcome {
  if (decision.kind === 'matched') {
    switch (decision.fault) {
      case 'reset':
        return { kind: 'error', error: 'reset', message: 'connection reset by the mock (fault: reset)' };
      case 'empty':
        return { kind: 'error', error: 'empty', message: 'connection closed without a response (fault: empty)' };
      case 'malformed':
        return { kind: 'error', error: 'malformed', status: decision.status, message: 'response body is not valid JSON (fault: malformed)' };
      default:
        break;
    }
  }
  const body: JsonValue | undefined = decision.kind === 'matched' ? decision.body : (JSON.parse(decision.bodyText) as JsonValue);
  return { kind: 'response', status: decision.status, headers: decision.headers, body };
}

function unmatched(method: string, path: string): Decision {
  const body = { error: 'no_route' as const, method, path, closest: [] };
  return { kind: 'unmatched', session: '', status: 404, headers: {}, body, bodyText: JSON.stringify(body), stateBefore: {}, stateAfter: {} };
}
