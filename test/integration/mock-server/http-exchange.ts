import { request } from 'node:http';
import type { Agent, IncomingHttpHeaders } from 'node:http';

export interface HttpAnswer {
  kind: 'answer';
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** ms from sending until the last body byte. */
  ms: number;
  /** ms from sending until the status line. */
  headersMs: number;
  /** ms between body pieces, for slow bodies. */
  pieceTimes: number[];
}

export interface HttpFailure {
  kind: 'error';
  code: string;
  message: string;
  ms: number;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  agent?: Agent | false;
  /** Give up (destroy the socket) after this many ms, like a bot's endpoint timeout. */
  timeoutMs?: number;
}

/** One request through node:http, reporting a response or the socket-level failure. */
export function send(url: string, options: SendOptions = {}): Promise<HttpAnswer | HttpFailure> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(url, {
      method: options.method ?? 'GET',
      headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      agent: options.agent ?? false,
    });
    let timer: NodeJS.Timeout | undefined;
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(() => req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })), options.timeoutMs);
    }
    req.on('response', (res) => {
      const headersMs = performance.now() - started;
      const chunks: Buffer[] = [];
      const pieceTimes: number[] = [];
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        pieceTimes.push(performance.now() - started);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          kind: 'answer',
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
          ms: performance.now() - started,
          headersMs,
          pieceTimes,
        });
      });
      res.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve({ kind: 'error', code: error.code ?? 'ERR', message: error.message, ms: performance.now() - started });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ kind: 'error', code: error.code ?? 'ERR', message: error.message, ms: performance.now() - started });
    });
    req.end(options.body);
  });
}

export function expectAnswer(result: HttpAnswer | HttpFailure): HttpAnswer {
  if (result.kind !== 'answer') throw new Error(`expected an HTTP answer, got ${result.code}: ${result.message}`);
  return result;
}

export function json(result: HttpAnswer | HttpFailure): unknown {
  return JSON.parse(expectAnswer(result).text) as unknown;
}

/** Polls until `check` is true (journal entries are written when the exchange ends). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
