import { Agent, request } from 'undici';
import type { JsonValue } from '../api/formats/common';
import { tooDeepAt, tooDeepMessage } from '../api/json-shape';
import type { Clock } from '../engine/clock';
import { TaskPriority } from '../engine/clock';
import type { InFlight, OutgoingRequest, Transport, TransportOutcome } from '../engine/transport';
import { REQUEST_ID_HEADER, TIME_SCALE_HEADER } from '../../mocks/core/mock-request';

/**
 * Real HTTP (undici). Relative URLs resolve against `baseUrl` (the mock server or a real
 * API). The answer is handed to the engine through the clock, at the moment it arrives;
 * the engine aborts the request at its endpoint deadline.
 */
export class HttpTransport implements Transport {
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, connections: 64 });

  constructor(
    private readonly baseUrl: string,
    private readonly clock: Clock,
    /** Sent to the mock server, which then applies its latencies at this scale. */
    private readonly timeScale = 1,
  ) {}

  send(outgoing: OutgoingRequest, deliver: (outcome: TransportOutcome) => void): InFlight {
    const controller = new AbortController();
    const target = /^[a-z][a-z0-9+.-]*:/i.test(outgoing.url)
      ? outgoing.url
      : `${this.baseUrl.replace(/\/+$/, '')}/${outgoing.url.replace(/^\/+/, '')}`;
    let settled = false;
    const settle = (outcome: TransportOutcome): void => {
      if (settled || controller.signal.aborted) return;
      settled = true;
      this.clock.schedule(this.clock.now(), TaskPriority.arrival, () => deliver(outcome));
    };
    void this.exchange(target, outgoing, controller.signal).then(settle, (error: unknown) => {
      if (controller.signal.aborted) return;
      settle(failureOf(error));
    });
    return {
      abort: () => {
        settled = true;
        controller.abort();
      },
    };
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /**
   * The request's headers, plus the engine's request id (the mock server journals it, so a
   * recording finds the entry of each of its requests) and the time scale when not 1.
   */
  private headersOf(outgoing: OutgoingRequest): Record<string, string> {
    const headers: Record<string, string> = { ...outgoing.headers, [REQUEST_ID_HEADER]: outgoing.id };
    if (this.timeScale !== 1) headers[TIME_SCALE_HEADER] = String(this.timeScale);
    return headers;
  }

  private async exchange(url: string, outgoing: OutgoingRequest, signal: AbortSignal): Promise<TransportOutcome> {
    const response = await request(url, {
      method: outgoing.method,
      headers: this.headersOf(outgoing),
      body: outgoing.body === undefined ? null : JSON.stringify(outgoing.body),
      signal,
      dispatcher: this.agent,
    });
    const text = await response.body.text();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    const status = response.statusCode;
    if (text === '') return { kind: 'response', status, headers, body: undefined };
    const isJson = (headers['content-type'] ?? '').includes('json');
    try {
      const body = JSON.parse(text) as JsonValue;
      // CEL and templates walk a body by recursion: one nested past the limit is not usable JSON.
      if (tooDeepAt(body) !== null) return { kind: 'error', error: 'malformed', status, message: `response body is ${tooDeepMessage()}` };
      return { kind: 'response', status, headers, body };
    } catch {
      if (isJson) return { kind: 'error', error: 'malformed', status, message: 'response body is not valid JSON' };
      return { kind: 'response', status, headers, body: text };
    }
  }
}

function failureOf(error: unknown): TransportOutcome {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNRESET' || /reset/i.test(message)) return { kind: 'error', error: 'reset', message };
  return { kind: 'error', error: 'empty', message: `${code || 'error'}: ${message}` };
}
