import type { Exchange } from '../api/formats/session';
import type { Clock } from '../engine/clock';
import { TaskPriority } from '../engine/clock';
import type { InFlight, OutgoingRequest, Transport, TransportOutcome } from '../engine/transport';

export interface ReplayMismatch {
  /** The request id of the replay. */
  id: string;
  endpoint: string;
  module: string;
  /** What differs from the recording: `unrecorded`, or the URL/method that changed. */
  problem: string;
}

/**
 * Answers each request from the next recorded exchange of the same endpoint, with the
 * recorded latency (like a VCR). A request the recording lacks fails as `unrecorded` and
 * is noted as a divergence; an exchange the bot gave up on never answers, as before.
 */
export class VcrTransport implements Transport {
  readonly mismatches: ReplayMismatch[] = [];
  private readonly used = new Set<Exchange>();

  constructor(
    private readonly clock: Clock,
    private readonly exchanges: readonly Exchange[],
    /** Latency by endpoint instead of the recorded one ("what if the API had been slower?"). */
    private readonly endpointLatency: Readonly<Record<string, number>> = {},
  ) {}

  send(request: OutgoingRequest, deliver: (outcome: TransportOutcome) => void): InFlight {
    const exchange = this.exchanges.find((e) => e.endpoint === request.endpoint && !this.used.has(e));
    const now = this.clock.now();
    if (!exchange) {
      this.mismatches.push({ id: request.id, endpoint: request.endpoint, module: request.module, problem: 'unrecorded: the recording has no more exchanges for this endpoint' });
      const handle = this.clock.schedule(now, TaskPriority.arrival, () => deliver({ kind: 'error', error: 'unrecorded' }));
      return { abort: () => this.clock.cancel(handle) };
    }
    this.used.add(exchange);
    if (exchange.request.method !== request.method || exchange.request.url !== request.url) {
      this.mismatches.push({
        id: request.id,
        endpoint: request.endpoint,
        module: request.module,
        problem: `request differs: recorded ${exchange.request.method} ${exchange.request.url}, replayed ${request.method} ${request.url}`,
      });
    }
    const outcome = exchange.outcome;
    let answer: TransportOutcome;
    let latency: number;
    if ('arrivedAt' in outcome) {
      answer = { kind: 'response', status: outcome.status, headers: outcome.headers, body: outcome.body ?? undefined };
      latency = outcome.arrivedAt - exchange.sentAt;
    } else {
      const { error } = outcome;
      if (error === 'timeout' || error === 'abandoned') return { abort: () => {} };
      answer = { kind: 'error', error, ...(outcome.status !== undefined ? { status: outcome.status } : {}) };
      latency = outcome.at - exchange.sentAt;
    }
    const delay = this.endpointLatency[request.endpoint] ?? latency;
    const handle = this.clock.schedule(now + Math.max(0, delay), TaskPriority.arrival, () => deliver(answer));
    return { abort: () => this.clock.cancel(handle) };
  }
}
