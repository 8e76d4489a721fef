import type { IncomingMessage } from 'node:http';
import type { JsonValue } from '../../main/api/formats/common';
import { tooDeepAt, tooDeepMessage } from '../../main/api/json-shape';

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The request announces a body (GETs usually do not: they are answered without waiting). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return length !== '0';
  return req.headers['transfer-encoding'] !== undefined;
}

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body larger than ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads the whole body; rejects with BodyTooLargeError past `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

/**
 * The body as templates and CEL see it: parsed JSON when it is JSON, else the text.
 * A body that claims to be JSON and is not is kept as text, with a warning.
 */
export function parseBody(raw: Buffer | null, contentType: string | undefined): { body: JsonValue | undefined; warning: string | null } {
  if (raw === null || raw.length === 0) return { body: undefined, warning: null };
  const text = raw.toString('utf8');
  const looksJson = contentType === undefined ? /^\s*[[{"]/.test(text) : /[/+]json\b/i.test(contentType);
  if (!looksJson) return { body: text, warning: null };
  try {
    const body = JSON.parse(text) as JsonValue;
    // Templates and CEL walk the body by recursion: a body nested past the limit stays text.
    if (tooDeepAt(body) !== null) return { body: text, warning: `request body is ${tooDeepMessage()}; templates see it as text` };
    return { body, warning: null };
  } catch (error) {
    const warning = contentType === undefined ? null : `request body is not valid JSON (${error instanceof Error ? error.message : String(error)}); templates see it as text`;
    return { body: text, warning };
  }
}
