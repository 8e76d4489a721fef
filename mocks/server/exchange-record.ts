import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { EXCHANGE_BODY_LIMIT } from '../../main/api/routes/mocks-exchange';
import type { BodyText, MockExchangeDetail } from '../../main/api/routes/mocks-exchange';

/**
 * What the journal keeps of one exchange besides its entry, cheap to take on the hot path
 * (references and at most EXCHANGE_BODY_LIMIT bytes per body); turned into the API's shape
 * only when someone opens the exchange.
 */
export interface ExchangeRecord {
  method: string;
  url: string;
  requestHeaders: IncomingHttpHeaders;
  requestBody: Buffer | null;
  requestBytes: number;
  /** null when no status line went out. */
  status: number | null;
  responseHeaders: OutgoingHttpHeaders | null;
  responseBody: string | Buffer | null;
  responseBytes: number;
}

/** A body kept for the journal: the buffer itself when small, else a copy of its start. */
export function keptBody(body: Buffer | null): Buffer | null {
  if (body === null) return null;
  return body.length <= EXCHANGE_BODY_LIMIT ? body : Buffer.from(body.subarray(0, EXCHANGE_BODY_LIMIT));
}

export function exchangeDetail(id: number, record: ExchangeRecord): MockExchangeDetail {
  const q = record.url.indexOf('?');
  const path = q < 0 ? record.url : record.url.slice(0, q);
  const queryString = q < 0 ? '' : record.url.slice(q + 1);
  return {
    id,
    request: {
      method: record.method,
      url: record.url,
      path,
      queryString,
      query: [...new URLSearchParams(queryString)],
      headers: headerTexts(record.requestHeaders),
      body: bodyText(record.requestBody, record.requestBytes),
    },
    response:
      record.status === null
        ? null
        : { status: record.status, headers: headerTexts(record.responseHeaders ?? {}), body: bodyText(record.responseBody, record.responseBytes) },
  };
}

function headerTexts(headers: IncomingHttpHeaders | OutgoingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function bodyText(body: string | Buffer | null, bytes: number): BodyText {
  if (body === null || bytes === 0) return { text: null, bytes, truncated: false };
  const buffer = typeof body === 'string' ? Buffer.from(body.length > EXCHANGE_BODY_LIMIT ? body.slice(0, EXCHANGE_BODY_LIMIT) : body) : body;
  const kept = buffer.length > EXCHANGE_BODY_LIMIT ? buffer.subarray(0, EXCHANGE_BODY_LIMIT) : buffer;
  return { text: kept.toString('utf8'), bytes, truncated: bytes > kept.length };
}
