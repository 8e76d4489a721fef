import type { Exchange } from '../api/formats/session';
import type { TraceEvent } from '../api/formats/trace';
import { exchangeVerdict, unanswered } from '../api/trace/exchange-outcome';
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

/** Something the replay did that the recording could not show (e.g. an answer it never got). */
export interface ReplayNote {
  id: string;
  endpoint: string;
  module: string;
  message: string;
}

/** Who answers a request the recording never got an answer to, when a changed latency needs one. */
export interface FallbackAnswers {
  transport: Transport;
  /** E.g. `mocks/shop.mocks.yaml`: named in the notes. */
  label: string;
}

/**
 * Answers each request from the next recorded exchange of the same endpoint, with the
 * recorded latency (like a VCR), or with the latency asked for that endpoint. A request the
 * recording lacks fails as `unrecorded` and is noted as a divergence.
 *
 * A request that got no answer in the recording (timed out, or the bot stopped waiting)
 * never answers, as recorded — unless a changed latency brings its answer within its
 * timeout: then the fallback mock set answers it at that latency (noted), or, with none,
 * it fails as `unrecorded` at that latency (a mismatch: there is no answer to replay).
 */
export class VcrTransport implements Transport {
  readonly mismatches: ReplayMismatch[] = [];
  readonly notes: ReplayNote[] = [];
  private readonly used = new Set<Exchange>();

  constructor(
    private readonly clock: Clock,
    private readonly exchanges: readonly Exchange[],
    /** Latency by endpoint instead of the recorded one ("what if the API had been slower?"). */
    private readonly endpointLatency: Readonly<Record<string, number>> = {},
    /** The recorded trace: it says which requests timed out. */
    private readonly recordedTrace: readonly TraceEvent[] = [],
    private readonly fallback: FallbackAnswers | null = null,
  ) {}

  send(request: OutgoingRequest, deliver: (outcome: TransportOutcome) => void): InFlight {
    const exchange = this.exchanges.find((e) => e.endpoint === request.endpoint && !this.used.has(e));
    const now = this.clock.now();
    if (!exchange) {
      this.mismatches.push({ id: request.id, endpoint: request.endpoint, module: request.module, problem: 'unrecorded: the recording has no more exchanges for this endpoint' });
      return this.later(now, { kind: 'error', error: 'unrecorded' }, deliver);
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
    const changed = this.endpointLatency[request.endpoint];
    const verdict = exchangeVerdict(exchange, this.recordedTrace);
    if (unanswered(verdict)) {
      // Later than the timeout, the answer would not have counted anyway: unanswered as recorded.
      if (changed === undefined || changed > request.timeoutMs) return { abort: () => {} };
      const recorded = verdict.kind === 'timed_out' ? `timed out at ${verdict.timeoutMs} ms` : `the bot stopped waiting for it after ${verdict.afterMs} ms`;
      return this.answerUnrecorded(request, deliver, changed, recorded);
    }
    const outcome = exchange.outcome;
    const answer: TransportOutcome =
      'arrivedAt' in outcome
        ? { kind: 'response', status: outcome.status, headers: outcome.headers, body: outcome.body ?? undefined }
        : { kind: 'error', error: verdict.kind === 'failed' ? verdict.error : 'empty', ...(outcome.status !== undefined ? { status: outcome.status } : {}) };
    const latency = ('arrivedAt' in outcome ? outcome.arrivedAt : outcome.at) - exchange.sentAt;
    return this.later(now + Math.max(0, changed ?? latency), answer, deliver);
  }

  /** A request whose recording has no answer, replayed at a latency within its timeout. */
  private answerUnrecorded(request: OutgoingRequest, deliver: (outcome: TransportOutcome) => void, latencyMs: number, recorded: string): InFlight {
    const where = { id: request.id, endpoint: request.endpoint, module: request.module };
    if (this.fallback !== null) {
      this.notes.push({ ...where, message: `the recording got no answer (${recorded}); at ${latencyMs} ms it is answered from ${this.fallback.label}` });
      return this.fallback.transport.send(request, deliver);
    }
    this.mismatches.push({
      ...where,
      problem: `no recorded answer to replay at ${latencyMs} ms (the recording: ${recorded}); it fails as unrecorded — answer from a mock set to see what the bot does with an answer`,
    });
    return this.later(this.clock.now() + latencyMs, { kind: 'error', error: 'unrecorded' }, deliver);
  }

  private later(at: number, outcome: TransportOutcome, deliver: (outcome: TransportOutcome) => void): InFlight {
    const handle = this.clock.schedule(at, TaskPriority.arrival, () => deliver(outcome));
    return { abort: () => this.clock.cancel(handle) };
  }
}
