import { HttpMethod } from '../api/formats/common';
import type { JsonValue } from '../api/formats/common';
import type { CodeRun, CodeRunner } from './code-runner';
import { errorText, isRecord } from './code-runner';
import type { CodeError } from './code-sandbox';
import { DEFAULT_CODE_TIMEOUT_MS } from './code-sandbox';
import type { CompiledEndpoint } from './compiled-flow';

/** A request as the pre hook sees and may change it (templates rendered; `body: null` = no body). */
export interface RequestDraft {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body: JsonValue;
}

/** A response as the post hook sees and may change it (`body: null` = no body). */
export interface ResponseDraft {
  status: number;
  headers: Record<string, string>;
  body: JsonValue;
}

export type HookOutcome<T> = { ok: true; value: T } | { ok: false; reason: string };

type Read<T> = { value: T } | { error: CodeError };

/** The hooks of one conversation, bound to its code runner. */
export interface EndpointHooks {
  /** After the templates, before sending; `module` sends request `id`. */
  pre(endpoint: CompiledEndpoint, request: RequestDraft, module: string, id: string): HookOutcome<RequestDraft>;
  /** When the response is routed, before ports, the success rule and map. */
  post(endpoint: CompiledEndpoint, response: ResponseDraft, module: string, id: string): HookOutcome<ResponseDraft>;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const REQUEST_FIELDS = ['method', 'url', 'headers', 'body'];
const RESPONSE_FIELDS = ['status', 'headers', 'body'];

/**
 * Endpoint `pre` and `post` hooks (SPEC §7.2). A hook that throws, hits a limit, leaves a
 * value that is not JSON or a request/response the engine cannot use fails the request with
 * `hook_error:pre: …` / `hook_error:post: …`, and changes nothing. The same code path runs on
 * the virtual and on the real clock.
 */
export function endpointHooks(code: CodeRunner): EndpointHooks {
  return {
    pre(endpoint, request, module, id) {
      const source = endpoint.endpoint.pre;
      if (source === undefined) return { ok: true, value: request };
      const run = hookRun(endpoint, 'pre', source, module, id, { ...request });
      return runHook(code, run, 'pre', (value) => readRequest(value));
    },
    post(endpoint, response, module, id) {
      const source = endpoint.endpoint.post;
      if (source === undefined) return { ok: true, value: response };
      const run = hookRun(endpoint, 'post', source, module, id, { ...response });
      return runHook(code, run, 'post', (value) => readResponse(value), (changed) =>
        changed.status !== response.status ? { status: changed.status } : {},
      );
    },
  };
}

function hookRun(
  endpoint: CompiledEndpoint,
  kind: 'pre' | 'post',
  source: string,
  module: string,
  id: string,
  extra: JsonValue,
): CodeRun {
  const spec = endpoint.endpoint;
  return {
    kind,
    source,
    origin: `hook:${spec.id}`,
    extra: [extra],
    key: [kind, spec.id, id],
    timeoutMs: spec.hookTimeoutMs ?? DEFAULT_CODE_TIMEOUT_MS,
    module,
    endpoint: spec.id,
    id,
  };
}

function runHook<T>(
  code: CodeRunner,
  run: CodeRun,
  kind: 'pre' | 'post',
  read: (value: JsonValue) => Read<T>,
  detail: (value: T) => { status?: number } = () => ({}),
): HookOutcome<T> {
  const fail = (error: CodeError): HookOutcome<T> => {
    code.fail(run, error);
    return { ok: false, reason: `hook_error:${kind}: ${errorText(error)}` };
  };
  const outcome = code.call(run);
  if (!outcome.ok) return fail(outcome.error);
  const checked = read(outcome.extra[0] ?? null);
  if ('error' in checked) return fail(checked.error);
  code.commit(run, outcome.changes, detail(checked.value));
  return { ok: true, value: checked.value };
}

function readRequest(value: JsonValue): Read<RequestDraft> {
  if (!isRecord(value)) return problem('request must stay an object');
  const unknown = unknownField('request', value, REQUEST_FIELDS);
  if (unknown) return unknown;
  const method = typeof value['method'] === 'string' ? HttpMethod.safeParse(value['method'].toUpperCase()) : null;
  if (!method?.success) return problem(`request.method must be one of ${HttpMethod.options.join(', ')}, got ${JSON.stringify(value['method'] ?? null)}`);
  const url = value['url'];
  if (typeof url !== 'string' || url === '') return problem(`request.url must be a non-empty string, got ${JSON.stringify(url ?? null)}`);
  const headers = readHeaders('request', value['headers']);
  if ('error' in headers) return headers;
  return { value: { method: method.data, url, headers: headers.value, body: value['body'] ?? null } };
}

function readResponse(value: JsonValue): Read<ResponseDraft> {
  if (!isRecord(value)) return problem('response must stay an object');
  const unknown = unknownField('response', value, RESPONSE_FIELDS);
  if (unknown) return unknown;
  const status = value['status'];
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    return problem(`response.status must be a whole number from 100 to 599, got ${JSON.stringify(status ?? null)}`);
  }
  const headers = readHeaders('response', value['headers']);
  if ('error' in headers) return headers;
  return { value: { status, headers: headers.value, body: value['body'] ?? null } };
}

function readHeaders(owner: string, value: JsonValue | undefined): Read<Record<string, string>> {
  if (!isRecord(value)) return problem(`${owner}.headers must be an object of strings`);
  const out: Record<string, string> = {};
  for (const [name, header] of Object.entries(value)) {
    if (!HEADER_NAME.test(name)) return problem(`${owner}.headers[${JSON.stringify(name)}]: not a valid header name`);
    if (typeof header !== 'string') return problem(`${owner}.headers[${JSON.stringify(name)}] must be a string, got ${JSON.stringify(header)}`);
    out[name.toLowerCase()] = header;
  }
  return { value: out };
}

function unknownField(owner: string, value: Record<string, JsonValue>, allowed: readonly string[]): { error: CodeError } | null {
  const extra = Object.keys(value).find((k) => !allowed.includes(k));
  return extra === undefined ? null : problem(`${owner}.${extra}: not a ${owner} field (${allowed.join(', ')})`);
}

function problem(message: string): { error: CodeError } {
  return { error: { message } };
}
