import { connect } from 'node:net';
import type { Socket } from 'node:net';

export interface RawAnswer {
  /** Everything the server sent until it closed the connection. */
  text: string;
  /** The error the socket ended with (ECONNRESET…), null for a clean close. */
  error: string | null;
  /** ms from connecting until the server closed the connection. */
  ms: number;
}

/** Opens a TCP connection to `url` (http://host:port), writes `first` at once, resolves once connected. */
export function openSocket(url: string, first?: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.off('error', reject);
      if (first !== undefined) socket.write(first);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * Writes raw bytes (in pieces, in order) to the server and reads until it closes the
 * connection, or until `giveUpMs` (then the socket is destroyed and `error` is 'CLIENT_TIMEOUT').
 */
export async function rawExchange(url: string, pieces: readonly (string | Buffer)[], giveUpMs = 20_000): Promise<RawAnswer> {
  const started = performance.now();
  const socket = await openSocket(url);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | null = null;
    const timer = setTimeout(() => {
      error = 'CLIENT_TIMEOUT';
      socket.destroy();
    }, giveUpMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text: Buffer.concat(chunks).toString('latin1'), error, ms: performance.now() - started });
    });
    for (const piece of pieces) socket.write(piece);
  });
}

export interface ParsedResponse {
  statusLine: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Splits raw HTTP/1.1 responses (as many as the text holds, each with a content-length). */
export function parseResponses(text: string): ParsedResponse[] {
  const out: ParsedResponse[] = [];
  let rest = text;
  while (rest.length > 0) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) throw new Error(`not an HTTP response: ${JSON.stringify(rest.slice(0, 200))}`);
    const [statusLine = '', ...lines] = rest.slice(0, headEnd).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? '0');
    const body = rest.slice(headEnd + 4, headEnd + 4 + length);
    out.push({ statusLine, status: Number(statusLine.split(' ')[1]), headers, body });
    rest = rest.slice(headEnd + 4 + length);
  }
  return out;
}
