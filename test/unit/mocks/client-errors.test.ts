import { describe, expect, it } from 'vitest';
import { describeClientError } from '../../../mocks/server/client-errors';
import type { ClientSocket } from '../../../mocks/server/client-errors';
import { DEFAULT_HTTP_LIMITS, httpLimits } from '../../../mocks/server/http-limits';

/** A parser error as Node's HTTP server reports it: code, llhttp's reason, the chunk it was reading. */
function parserError(code: string, raw?: string, bytesParsed?: number): Error {
  return Object.assign(new Error(`Parse Error: ${code}`), {
    code,
    reason: 'reason from llhttp',
    ...(raw === undefined ? {} : { rawPacket: Buffer.from(raw, 'latin1'), bytesParsed: bytesParsed ?? raw.length }),
  });
}

/** Only the request-timeout case reads the socket (bytes received); these are parser errors. */
const socket: ClientSocket = { writable: true, destroyed: false, end: () => undefined, destroy: () => undefined, once: () => undefined };

function statusOf(error: Error): number | null {
  return describeClientError(error, socket, DEFAULT_HTTP_LIMITS)?.status ?? null;
}

describe('describeClientError', () => {
  it('tells an overlong URL (414) from overlong headers (431) by the line the parser was in', () => {
    const long = 'a'.repeat(20_000);
    // The chunk starts with the request line and holds no line break yet: the URL.
    expect(statusOf(parserError('HPE_HEADER_OVERFLOW', `GET /${long}`))).toBe(414);
    // The request line ended; a header is overflowing.
    expect(statusOf(parserError('HPE_HEADER_OVERFLOW', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${long}`))).toBe(431);
    // A header sent in its own write.
    expect(statusOf(parserError('HPE_HEADER_OVERFLOW', `X-Big: ${long}`))).toBe(431);
    // A kept-alive connection: a whole request, a blank line, then an overlong request line.
    expect(statusOf(parserError('HPE_HEADER_OVERFLOW', `GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /${long}`))).toBe(414);
    // Only what the parser read counts (bytesParsed), not bytes after the error.
    expect(statusOf(parserError('HPE_HEADER_OVERFLOW', `GET /${long} HTTP/1.1\r\nHost: x`, 10_000))).toBe(414);
    // The overflow in a later chunk with nothing of its line in it cannot be placed: 431.
    expect(statusOf(parserError('HPE_HEADER_OVERFLOW', long))).toBe(431);
    expect(statusOf(parserError('HPE_HEADER_OVERFLOW'))).toBe(431);
  });

  it('answers every parser error, 400 unless it is about size', () => {
    for (const code of ['HPE_INVALID_VERSION', 'HPE_INVALID_METHOD', 'HPE_INVALID_URL', 'HPE_UNEXPECTED_CONTENT_LENGTH', 'HPE_INVALID_TRANSFER_ENCODING', 'HPE_INVALID_CHUNK_SIZE', 'HPE_LF_EXPECTED']) {
      expect(statusOf(parserError(code, 'x'))).toBe(400);
    }
    expect(statusOf(parserError('HPE_CHUNK_EXTENSIONS_OVERFLOW', 'x'))).toBe(413);
    expect(describeClientError(parserError('HPE_INVALID_VERSION', 'x'), socket, DEFAULT_HTTP_LIMITS)?.message).toContain('reason from llhttp (HPE_INVALID_VERSION)');
  });

  it('closes without an answer when the client is gone', () => {
    for (const code of ['ECONNRESET', 'EPIPE', 'ETIMEDOUT']) expect(statusOf(Object.assign(new Error(code), { code }))).toBeNull();
    expect(statusOf(new Error('no code'))).toBeNull();
  });
});

describe('httpLimits', () => {
  it('fills in the defaults and keeps the request timeout at least as long as the headers timeout', () => {
    expect(httpLimits({})).toEqual(DEFAULT_HTTP_LIMITS);
    expect(httpLimits({ headersTimeoutMs: 90_000 })).toMatchObject({ headersTimeoutMs: 90_000, requestTimeoutMs: 90_000 });
  });

  it('refuses limits that are not whole positive numbers', () => {
    expect(() => httpLimits({ headersTimeoutMs: 0 })).toThrow(/headersTimeoutMs must be a whole number/);
    expect(() => httpLimits({ maxHeaderBytes: 1.5 })).toThrow(RangeError);
    expect(() => httpLimits({ requestTimeoutMs: Number.NaN })).toThrow(RangeError);
  });
});
