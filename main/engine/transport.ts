import type { HttpMethod, JsonValue } from '../api/formats/common';

/** A request as the engine sends it, templates already rendered. */
export interface OutgoingRequest {
  id: string;
  endpoint: string;
  module: string;
  method: HttpMethod;
  /** As rendered from the flow: absolute, or relative to the mock server / base URL. */
  url: string;
  headers: Record<string, string>;
  body: JsonValue | undefined;
  timeoutMs: number;
  /** When the engine sent it (conversation ms): its deadline is `sentAt + timeoutMs`. */
  sentAt: number;
}

/** `unrecorded`: a replay has no recorded exchange for the request. */
export type TransportFailure = 'reset' | 'empty' | 'malformed' | 'unrecorded';

/** What came back. Deadlines are the engine's business, not the transport's. */
export type TransportOutcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: JsonValue | undefined }
  | { kind: 'error'; error: TransportFailure; status?: number; message?: string };

export interface InFlight {
  /** The engine gave up (deadline, superseded, run ended): stop and never deliver. */
  abort(): void;
}

/**
 * Sends requests. `deliver` is called once, at the arrival time on the engine's clock, or
 * never (a hang). The virtual transport answers from the mock decision core; the real one
 * speaks HTTP.
 */
export interface Transport {
  send(request: OutgoingRequest, deliver: (outcome: TransportOutcome) => void): InFlight;
}
