import { z } from 'zod';
import { Arrow, InterruptionKind } from './flow';
import { EndState } from './scenario';
import { HttpMethod, JsonValue } from './common';

const at = { t: z.number().min(0) };

export const WARNING_KINDS = ['missing_context', 'map_error', 'cel_error', 'superseded', 'response_dropped', 'lambda_error'] as const;

/** Which code ran (SPEC §7.2): a lambda module, or an endpoint's pre or post hook. */
export const CodeKind = z.enum(['lambda', 'pre', 'post']);
export type CodeKind = z.infer<typeof CodeKind>;

/** The trace events of SPEC §3: the single source every view of a run is derived from. */
export const TraceEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), ...at, flow: z.string(), channel: z.enum(['chat', 'voice', 'email']), seed: z.number().int() }),
  z.object({ type: z.literal('enter'), ...at, module: z.string() }),
  z.object({ type: z.literal('port'), ...at, module: z.string(), port: z.string(), reason: z.string(), to: z.string().nullable(), arrow: Arrow }),
  z.object({
    type: z.literal('say'),
    ...at,
    module: z.string(),
    text: z.string(),
    start: z.number(),
    /** When the speech would end (or, for dropped speech, `start`: zero length). */
    end: z.number(),
    /** Voice: present (false) when the caller cannot talk over it (`bargeIn: false`). */
    bargeIn: z.literal(false).optional(),
    /** Voice: the caller talked over it, or hung up, at this time; it played only until then. */
    cutAt: z.number().optional(),
    /** Voice: queued after speech that was cut, it never played. */
    dropped: z.literal(true).optional(),
  }),
  z.object({
    type: z.literal('user'),
    ...at,
    text: z.string(),
    start: z.number(),
    end: z.number(),
    /** `dtmf`: key presses (absent: spoken or typed). */
    via: z.literal('dtmf').optional(),
    /** The user talked over speech that cannot be interrupted: not heard, the bot goes on waiting. */
    ignored: z.literal(true).optional(),
  }),
  z.object({
    type: z.literal('request'),
    ...at,
    id: z.string(),
    endpoint: z.string(),
    module: z.string(),
    mode: z.enum(['blocking', 'async']),
    method: HttpMethod,
    url: z.string(),
    deadline: z.number(),
    /** The rendered headers as sent (lower-case names; flowbench's own x-flowbench-* left out). */
    headers: z.record(z.string(), z.string()).optional(),
    /** The rendered JSON body as sent; absent when the request has none. */
    body: JsonValue.optional(),
  }),
  z.object({
    type: z.literal('response'),
    ...at,
    id: z.string(),
    status: z.number().int(),
    arrival: z.number(),
    /** The response headers as received (lower-case names), before any post hook. */
    headers: z.record(z.string(), z.string()).optional(),
    /** The response body as received (JSON, or the text when it is not JSON); absent when empty. */
    body: JsonValue.optional(),
  }),
  z.object({ type: z.literal('request_failed'), ...at, id: z.string(), endpoint: z.string(), reason: z.string(), status: z.number().int().optional() }),
  /** The caller hung up while the request was in flight: it is aborted, its answer never used. */
  z.object({ type: z.literal('request_abandoned'), ...at, id: z.string(), endpoint: z.string() }),
  z.object({
    type: z.literal('await'),
    ...at,
    module: z.string(),
    endpoint: z.string(),
    id: z.string().nullable(),
    /**
     * On entry — ready: the answer is there; pending: waits until `until`; no_request /
     * failed: leaves at once. When a pending await resolves — routed: the response (or the
     * request's failure) is consumed; module_timeout: it gives up, the request stays pending.
     */
    outcome: z.enum(['ready', 'pending', 'no_request', 'failed', 'routed', 'module_timeout']),
    timeoutMs: z.number(),
    until: z.number(),
  }),
  z.object({ type: z.literal('context'), ...at, name: z.string(), value: JsonValue.optional(), deleted: z.boolean().optional(), source: z.string() }),
  /**
   * A run of flow code (SPEC §7.2), recorded before the context changes it makes: a lambda
   * (`module` = the lambda), or an endpoint hook (`module` = the module that sent the request
   * or routes its response, `id` = the request). `outcome: error` is followed by a
   * `lambda_error` warning; `status` is set when a post hook changed the response status.
   */
  z.object({
    type: z.literal('code'),
    ...at,
    kind: CodeKind,
    module: z.string(),
    endpoint: z.string().optional(),
    id: z.string().optional(),
    outcome: z.enum(['ok', 'error']),
    status: z.number().int().optional(),
  }),
  /** `line`: for a `lambda_error`, the line inside the code where it failed, when known. */
  z.object({
    type: z.literal('warning'),
    ...at,
    kind: z.enum(WARNING_KINDS),
    message: z.string(),
    module: z.string().optional(),
    id: z.string().optional(),
    line: z.number().int().optional(),
  }),
  /**
   * A system event sent the bot to its handler (SPEC §7.1 rules 10 and 14). `module`: for
   * no_input the module the red arrow leads to (it never runs); for loop the module whose
   * entry would pass the limit; for no_link the module whose `port` has no arrow.
   */
  z.object({
    type: z.literal('interruption'),
    ...at,
    kind: InterruptionKind,
    module: z.string(),
    /** The handler module (interruptions.<kind>). */
    to: z.string(),
    /** no_input: how many consecutive no-inputs, this one included. */
    count: z.number().int().min(1).optional(),
    /** no_link: the port without an arrow. */
    port: z.string().optional(),
  }),
  z.object({ type: z.literal('end'), ...at, state: EndState, reason: z.string().optional() }),
]);
export type TraceEvent = z.infer<typeof TraceEvent>;
export type TraceEventType = TraceEvent['type'];
export type TraceEventOf<K extends TraceEventType> = Extract<TraceEvent, { type: K }>;

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
