import type { Exchange } from '../api/formats/session';
import type { Clock } from '../engine/clock';
import type { InFlight, OutgoingRequest, Transport, TransportOutcome } from '../engine/transport';

/**
 * Wraps a transport and writes down every exchange: the request as sent, when, and what
 * came back when (or that the bot gave up first).
 */
export class RecordingTransport implements Transport {
  readonly exchanges: Exchange[] = [];

  constructor(
    private readonly inner: Transport,
    private readonly clock: Clock,
  ) {}

  send(request: OutgoingRequest, deliver: (outcome: TransportOutcome) => void): InFlight {
    // The engine's own send time: the deadline it enforces is `sentAt + timeoutMs`, to the ms.
    const sentAt = request.sentAt;
    const exchange: Exchange = {
      endpoint: request.endpoint,
      module: request.module,
      id: request.id,
      sentAt,
      request: { method: request.method, url: request.url, headers: { ...request.headers }, body: request.body ?? null },
      outcome: { error: 'abandoned', at: sentAt },
      gaveUp: true,
    };
    this.exchanges.push(exchange);
    let settled = false;
    const inFlight = this.inner.send(request, (outcome) => {
      settled = true;
      const at = this.clock.now();
      exchange.gaveUp = false;
      exchange.outcome =
        outcome.kind === 'response'
          ? { status: outcome.status, headers: outcome.headers, body: outcome.body ?? null, arrivedAt: at }
          : { error: outcome.error === 'unrecorded' ? 'empty' : outcome.error, at, ...(outcome.status !== undefined ? { status: outcome.status } : {}) };
      deliver(outcome);
    });
    return {
      abort: () => {
        if (!settled) {
          const at = this.clock.now();
          exchange.outcome = { error: at >= sentAt + request.timeoutMs ? 'timeout' : 'abandoned', at };
        }
        inFlight.abort();
      },
    };
  }
}
