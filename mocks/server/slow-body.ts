import type { OutgoingHttpHeaders } from 'node:http';
import type { Exchange } from './exchange';
import { withContentLength } from './exchange';

/** Roughly one piece every 100 ms, between 2 and 20 pieces, never more pieces than bytes. */
export function slowBodyPieces(bytes: number, ms: number): number {
  return Math.max(1, Math.min(bytes, 20, Math.max(2, Math.ceil(ms / 100) + 1)));
}

/**
 * `slow_body` fault: the status line and headers at once, then the body in pieces spread
 * evenly so that the last byte goes out `ms` later.
 */
export function sendSlowly(exchange: Exchange, status: number, headers: OutgoingHttpHeaders, bodyText: string, ms: number): void {
  const body = Buffer.from(bodyText);
  exchange.writeHead(status, withContentLength(headers, body.length));
  exchange.noteResponseBody(body, body.length);
  exchange.res.flushHeaders();
  const pieces = slowBodyPieces(body.length, ms);
  if (body.length === 0 || pieces === 1) {
    exchange.later(ms, () => exchange.write(body, true));
    return;
  }
  const size = Math.ceil(body.length / pieces);
  for (let i = 0; i < pieces; i++) {
    const piece = body.subarray(i * size, Math.min(body.length, (i + 1) * size));
    const last = i === pieces - 1;
    const at = Math.round((i * ms) / (pieces - 1));
    if (at === 0) exchange.write(piece, last);
    else exchange.later(at, () => exchange.write(piece, last));
  }
}
