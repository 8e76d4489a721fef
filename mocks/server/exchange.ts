import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FaultKind, StateValues } from '../core';
import { MODULE_HEADER, REQUEST_ID_HEADER, SESSION_HEADER } from '../core';
import type { MockJournalEntry } from '../../main/api/routes/mocks';
import { keptBody } from './exchange-record';
import type { ExchangeRecord } from './exchange-record';

/** The longest delay Node's setTimeout honours (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export interface ExchangeClock {
  /** performance.now() of the server start. */
  readonly startedAt: number;
  /** Date.now() of the server start. */
  readonly startedAtEpoch: number;
}

/** Called when the exchange ends (answered, cut or abandoned); `entry()` is ready then. */
type Settled = (exchange: Exchange) => void;

/**
 * One mock request from arrival to the end of its connection's interest in it: what was
 * decided, what was sent, its pending timers, and the journal entry it leaves behind.
 */
export class Exchange {
  readonly arrivedAt = performance.now();
  path = '';
  query: Record<string, string> = {};
  routeId: string | null = null;
  n: number | null = null;
  latencyMs = 0;
  fault: FaultKind | null = null;
  status: number | null = null;
  bytes = 0;
  proxied = false;
  /** The session's mock state before and after the decision (null: not decided). */
  stateBefore: StateValues | null = null;
  stateAfter: StateValues | null = null;
  readonly warnings: string[] = [];
  /** The request body as read (null: none was read), kept for the journal's full view. */
  requestBody: Buffer | null = null;
  private requestBytes = 0;
  private responseHeaders: OutgoingHttpHeaders | null = null;
  private responseBody: string | Buffer | null = null;
  private responseBytes = 0;
  private timers: NodeJS.Timeout[] | null = null;
  /** The server ended the exchange on purpose (reset, empty, shutdown): not the client giving up. */
  private endedByServer = false;
  private settled = false;
  /** Listening for the connection's end (anything answered later than at once). */
  private watching = false;
  /** Answered in full at once, before the exchange needed to watch its connection. */
  private answeredAtOnce = false;
  private endedAt = 0;
  private gaveUp = false;
  private sentStatus: number | null = null;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    private readonly clock: ExchangeClock,
    private readonly onSettled: Settled,
    /** Called when the exchange starts watching: it outlives the request's own tick (see watch()). */
    private readonly onWatch?: (exchange: Exchange) => void,
  ) {}

  /**
   * From now on the exchange ends when its connection's answer ends (or the client leaves).
   * Answers given at once skip this: most mock traffic never needs a listener.
   */
  watch(): void {
    if (this.watching || this.settled) return;
    this.watching = true;
    this.onWatch?.(this);
    this.res.on('close', () => this.settle());
  }

  get closed(): boolean {
    return this.settled || this.res.destroyed;
  }

  /**
   * Runs `fn` after `ms` unless the exchange ends first. A wait past what one Node timer
   * holds (2^31 - 1 ms; a 24 h latency at time scale 100 is 8.64e9 ms) is taken in steps:
   * Node would fire a longer one after 1 ms.
   */
  later(ms: number, fn: () => void): void {
    this.watch();
    const step = Math.min(ms, MAX_TIMER_DELAY_MS);
    const timer = setTimeout(() => {
      if (this.timers) this.timers.splice(this.timers.indexOf(timer), 1);
      if (this.closed) return;
      if (ms > step) {
        this.later(ms - step, fn);
        return;
      }
      try {
        fn();
      } catch (error) {
        this.fail(error);
      }
    }, step);
    (this.timers ??= []).push(timer);
  }

  /** Status line, headers and the whole body at once. */
  send(status: number, headers: OutgoingHttpHeaders, body: string | Buffer): void {
    if (this.closed) {
      this.settle();
      return;
    }
    const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    this.writeHead(status, withContentLength(headers, length));
    this.bytes = length;
    this.noteResponseBody(body, length);
    this.res.end(body);
    if (!this.watching) {
      this.answeredAtOnce = true;
      this.settle();
    }
  }

  writeHead(status: number, headers: OutgoingHttpHeaders): void {
    this.status = status;
    this.responseHeaders = headers;
    this.res.writeHead(status, headers);
  }

  /** The request body that was read (the journal keeps its first 64 KB). */
  noteRequestBody(raw: Buffer | null): void {
    this.requestBody = keptBody(raw);
    this.requestBytes = raw?.length ?? 0;
  }

  /** The whole body being sent (also when it goes out in pieces). */
  noteResponseBody(body: string | Buffer, bytes: number): void {
    this.responseBody = body;
    this.responseBytes = bytes;
  }

  /** What the journal keeps besides the entry, for the exchange's full view. */
  record(): ExchangeRecord {
    return {
      method: this.req.method ?? 'GET',
      url: this.req.url ?? '/',
      requestHeaders: this.req.headers,
      requestBody: this.requestBody,
      requestBytes: this.requestBytes,
      status: this.sentStatus,
      responseHeaders: this.responseHeaders,
      responseBody: this.responseBody,
      responseBytes: this.responseBytes,
    };
  }

  /** Writes part of a body whose headers are out; returns false when the client is gone. */
  write(piece: Buffer, last: boolean): boolean {
    if (this.closed) return false;
    this.bytes += piece.length;
    if (last) this.res.end(piece);
    else this.res.write(piece);
    return true;
  }

  /** An unexpected error while answering: a 500 when nothing was sent yet, else cut the connection. */
  fail(error: unknown): void {
    this.warnings.push(`internal error: ${error instanceof Error ? error.message : String(error)}`);
    if (this.closed) return;
    if (this.res.headersSent) {
      this.endedByServer = true;
      this.res.destroy();
      this.settle();
      return;
    }
    this.send(500, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify({ error: 'mock_server_error' }));
  }

  /** `reset` fault: a TCP RST, no bytes. */
  reset(): void {
    this.endedByServer = true;
    const socket = this.req.socket;
    if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else socket.destroy();
    this.settle();
  }

  /** `empty` fault: close the connection (FIN) without a response. */
  closeEmpty(): void {
    this.endedByServer = true;
    this.req.socket.destroySoon();
    this.settle();
  }

  /** Server shutdown: whatever is pending ends now, and the client did not give up. */
  abandon(): void {
    this.endedByServer = true;
    this.clearTimers();
  }

  private clearTimers(): void {
    if (this.timers) for (const timer of this.timers) clearTimeout(timer);
    this.timers = null;
  }

  private settle(): void {
    if (this.settled) return;
    this.settled = true;
    this.clearTimers();
    this.endedAt = performance.now();
    this.gaveUp = !this.endedByServer && !this.answeredAtOnce && !this.res.writableFinished;
    this.sentStatus = this.res.headersSent ? this.status : null;
    this.onSettled(this);
  }

  /** The request's query string as sent (not decoded, no `?`). */
  private queryString(): string {
    const url = this.req.url ?? '';
    const q = url.indexOf('?');
    return q < 0 ? '' : url.slice(q + 1);
  }

  /** The journal entry; built after the fact so that answering a burst stays cheap. */
  entry(id: number): MockJournalEntry {
    const headers = this.req.headers;
    const session = headers[SESSION_HEADER];
    const module = headers[MODULE_HEADER];
    const requestId = headers[REQUEST_ID_HEADER];
    const t = this.arrivedAt - this.clock.startedAt;
    return {
      id,
      time: isoTime(this.clock.startedAtEpoch + t),
      t: round2(t),
      method: this.req.method ?? 'GET',
      path: this.path,
      query: this.query,
      ...(this.queryString() !== '' ? { queryString: this.queryString() } : {}),
      routeId: this.routeId,
      n: this.n,
      session: typeof session === 'string' ? session : null,
      module: typeof module === 'string' ? module : null,
      ...(typeof requestId === 'string' ? { requestId } : {}),
      latencyMs: this.latencyMs,
      fault: this.fault,
      status: this.sentStatus,
      bytes: this.bytes,
      durationMs: round2(this.endedAt - this.arrivedAt),
      clientGaveUp: this.gaveUp,
      proxied: this.proxied,
      warnings: this.warnings,
      ...(this.stateBefore !== null && this.stateAfter !== null ? { stateBefore: this.stateBefore, stateAfter: this.stateAfter } : {}),
    };
  }
}

/**
 * The headers plus content-length, copied key by key: `{ ...headers, more }` costs Node 20's
 * V8 about a microsecond per request on this path.
 */
export function withContentLength(headers: OutgoingHttpHeaders, length: number): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const name in headers) out[name] = headers[name];
  out['content-length'] = length;
  return out;
}

let lastIsoMs = NaN;
let lastIso = '';

/** The ISO 8601 time of an epoch ms; a burst of entries in the same millisecond formats it once. */
function isoTime(epochMs: number): string {
  const ms = Math.floor(epochMs);
  if (ms !== lastIsoMs) {
    lastIsoMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

function round2(ms: number): number {
  return Math.round(ms * 100) / 100;
}
