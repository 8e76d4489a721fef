import type { ServerOptions } from 'node:http';

/** What the server accepts from a client before it answers 408/431 (Node's parser enforces them). */
export interface HttpLimits {
  /** Request line plus headers, in bytes; over it: 414 (in the URL) or 431. */
  readonly maxHeaderBytes: number;
  /** From the connection's first byte (or a kept-alive request's) to the end of the headers; over it: 408. */
  readonly headersTimeoutMs: number;
  /** From the start of a request to the end of its body; over it: 408. Never shorter than the headers timeout. */
  readonly requestTimeoutMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxHeaderBytes: 16 * 1024,
  // Slowloris: a client that trickles its headers holds a connection 10 s at most.
  headersTimeoutMs: 10_000,
  // A 10 MB body at 200 kB/s still arrives.
  requestTimeoutMs: 60_000,
};

/** Node checks the timeouts on an interval: often enough that a limit is kept within a second. */
function checkingInterval(limits: HttpLimits): number {
  return Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4)));
}

/** The limits in force: the defaults with the given ones; throws RangeError on a bad value. */
export function httpLimits(given: Partial<HttpLimits>): HttpLimits {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1 || value > 2 ** 31 - 1) throw new RangeError(`${name} must be a whole number between 1 and 2147483647, got ${String(value)}`);
  }
  return { ...limits, requestTimeoutMs: Math.max(limits.requestTimeoutMs, limits.headersTimeoutMs) };
}

export function httpServerOptions(limits: HttpLimits): ServerOptions {
  return {
    maxHeaderSize: limits.maxHeaderBytes,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: checkingInterval(limits),
  };
}
