import type { HarEntry, HarFile } from '../api/formats/har';
import type { SessionFile } from '../api/formats/session';

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

/**
 * A session's exchanges as HAR 1.2. Exchanges with no response (timeout, reset, …) get
 * status 0 and `_error`, as browsers write them; `_flowbench` keeps endpoint and module.
 */
export function sessionToHar(session: SessionFile, version: string, baseUrl = 'http://127.0.0.1'): HarFile {
  const start = Date.parse(session.startedAt);
  const entries: HarEntry[] = session.exchanges.map((x) => {
    const url = new URL(x.request.url, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    const body = x.request.body === null ? undefined : JSON.stringify(x.request.body);
    const outcome = x.outcome;
    const ended = 'arrivedAt' in outcome ? outcome.arrivedAt : outcome.at;
    const wait = Math.max(0, ended - x.sentAt);
    const responseText = 'arrivedAt' in outcome && outcome.body !== null ? (typeof outcome.body === 'string' ? outcome.body : JSON.stringify(outcome.body)) : undefined;
    const status = 'arrivedAt' in outcome ? outcome.status : (outcome.status ?? 0);
    const headers = 'arrivedAt' in outcome ? outcome.headers : {};
    return {
      startedDateTime: new Date(start + x.sentAt).toISOString(),
      time: wait,
      request: {
        method: x.request.method,
        url: url.href,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: Object.entries(x.request.headers).map(([name, value]) => ({ name, value })),
        queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
        ...(body !== undefined ? { postData: { mimeType: x.request.headers['content-type'] ?? 'application/json', text: body } } : {}),
        headersSize: -1,
        bodySize: body === undefined ? 0 : Buffer.byteLength(body),
      },
      response: {
        status,
        statusText: 'arrivedAt' in outcome ? (STATUS_TEXT[status] ?? '') : outcome.error,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
        content: {
          size: responseText === undefined ? 0 : Buffer.byteLength(responseText),
          mimeType: headers['content-type'] ?? 'application/json',
          ...(responseText !== undefined ? { text: responseText } : {}),
        },
        redirectURL: '',
        headersSize: -1,
        bodySize: responseText === undefined ? 0 : Buffer.byteLength(responseText),
      },
      cache: {},
      timings: { send: 0, wait, receive: 0 },
      ...('error' in outcome ? { _error: outcome.error } : {}),
      _flowbench: { endpoint: x.endpoint, module: x.module, fault: x.fault ?? null, gaveUp: x.gaveUp ?? false },
    };
  });
  return { log: { version: '1.2', creator: { name: 'flowbench', version }, pages: [], entries } };
}
