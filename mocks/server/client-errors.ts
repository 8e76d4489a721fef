import { ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { HttpLimits } from './http-limits';

/** The socket of a `clientError` event, as far as answering it goes. */
export interface ClientSocket {
  readonly writable: boolean;
  readonly destroyed: boolean;
  end(chunk: string): unknown;
  destroy(): unknown;
  once(event: 'close', listener: () => void): unknown;
}

interface ErrorAnswer {
  status: number;
  error: string;
  message: string;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Content Too Large',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
};

/** After answering, the connection is read (and dropped) this long so the client sees the answer, not a reset. */
const LINGER_MS = 2000;

/**
 * Answers what Node's HTTP parser refuses (bad version, oversized URL or headers, Content-Length
 * with Transfer-Encoding, a garbage request line, headers too slow) with a minimal HTTP
 * response and a JSON body saying what was wrong, then closes that connection; the server
 * keeps serving the others. A connection that drops or never sent a byte just closes.
 */
export class ClientErrorResponder {
  /** Answered connections, read until the client closes or LINGER_MS pass. */
  private readonly lingering = new Map<ClientSocket, NodeJS.Timeout>();

  constructor(private readonly limits: HttpLimits) {}

  readonly handle = (error: Error, socket: ClientSocket): void => {
    // The parser reports every further chunk of an answered connection again.
    if (this.lingering.has(socket) || socket.destroyed) return;
    const answer = describeClientError(error, socket, this.limits);
    if (answer === null || !socket.writable || busyAnswering(socket)) {
      socket.destroy();
      return;
    }
    const body = JSON.stringify({ error: answer.error, message: answer.message, status: answer.status });
    socket.end(
      `HTTP/1.1 ${answer.status} ${REASONS[answer.status] ?? 'Error'}\r\n` +
        `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    this.lingering.set(socket, timer);
    socket.once('close', () => {
      clearTimeout(timer);
      this.lingering.delete(socket);
    });
  };

  /** Server shutdown: lingering connections close now. */
  closeAll(): void {
    for (const [socket, timer] of this.lingering) {
      clearTimeout(timer);
      socket.destroy();
    }
    this.lingering.clear();
  }
}

/**
 * Whether an answer of this connection is still being written, so that an error answer now
 * would be read as its answer (a hanging or delayed mock answer ahead of a bad pipelined
 * request). The request whose own body broke (bad chunk, too slow) is answered, unless its
 * answer has started. Node keeps the response in progress as the socket's `_httpMessage`.
 */
function busyAnswering(socket: ClientSocket): boolean {
  const current: unknown = Reflect.get(socket, '_httpMessage');
  if (!(current instanceof ServerResponse) || current.writableEnded) return false;
  return current.req.complete || current.headersSent;
}

function field(error: Error, name: string): unknown {
  return Reflect.get(error, name);
}

/** The answer to a parser error or timeout; null for a connection to close without one. */
export function describeClientError(error: Error, socket: ClientSocket, limits: HttpLimits): ErrorAnswer | null {
  const code = field(error, 'code');
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    // A connection opened and never used (a browser's preconnect) just closes.
    if (socket instanceof Socket && socket.bytesRead === 0) return null;
    return {
      status: 408,
      error: 'request_timeout',
      message: `the request did not arrive in time (headers within ${limits.headersTimeoutMs} ms, the whole request within ${limits.requestTimeoutMs} ms)`,
    };
  }
  if (typeof code !== 'string' || !code.startsWith('HPE_')) return null; // ECONNRESET and the like: the client is gone
  const reason = field(error, 'reason');
  const parser = typeof reason === 'string' ? `${reason} (${code})` : code;
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      if (overflowInRequestLine(field(error, 'rawPacket'), field(error, 'bytesParsed'))) {
        return { status: 414, error: 'uri_too_long', message: `the request line is longer than the ${limits.maxHeaderBytes} bytes allowed for the request's head` };
      }
      return { status: 431, error: 'headers_too_large', message: `the request's head (request line and headers) is larger than ${limits.maxHeaderBytes} bytes` };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, error: 'chunk_extensions_too_large', message: `chunk extensions too large: ${parser}` };
    case 'HPE_INVALID_VERSION':
      return { status: 400, error: 'bad_request', message: `bad HTTP version in the request line, expected HTTP/1.0 or HTTP/1.1: ${parser}` };
    case 'HPE_INVALID_METHOD':
      return { status: 400, error: 'bad_request', message: `bad request line, expected METHOD /path HTTP/1.1: ${parser}` };
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return { status: 400, error: 'bad_request', message: `Content-Length and Transfer-Encoding together, or a bad Transfer-Encoding (a request smuggling risk): ${parser}` };
    default:
      return { status: 400, error: 'bad_request', message: `malformed HTTP request: ${parser}` };
  }
}

/** `GET /…` with no version yet: a request line that is still going. */
const REQUEST_LINE_START = /^[A-Za-z]+ [^ \r\n]*$/;

/**
 * Whether the head overflowed inside the request line (the URL) rather than in a header,
 * judged from the chunk the parser was reading: the overflowing line is a request line when
 * it starts the chunk or follows a blank line (a new request on a kept-alive connection) and
 * has a method, a space and no version yet. A URL so long that the overflow falls in a later
 * chunk, with nothing of its line in it, cannot be told from a header and counts as one (431).
 */
function overflowInRequestLine(rawPacket: unknown, bytesParsed: unknown): boolean {
  if (!Buffer.isBuffer(rawPacket)) return false;
  const end = typeof bytesParsed === 'number' ? Math.min(bytesParsed, rawPacket.length) : rawPacket.length;
  const text = rawPacket.toString('latin1', 0, end);
  const lastBreak = text.lastIndexOf('\n');
  if (lastBreak < 0) return REQUEST_LINE_START.test(text);
  const before = text.slice(0, lastBreak + 1);
  return /\n\r?\n$/.test(before) && REQUEST_LINE_START.test(text.slice(lastBreak + 1));
}
