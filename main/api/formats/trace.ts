import { z } from 'zod';
import { Arrow } from './flow';
import { EndState } from './scenario';
import { HttpMethod, JsonValue } from './common';

const at = { t: z.number().min(0) };

export const WARNING_KINDS = ['missing_context', 'map_error', 'cel_error', 'superseded', 'response_dropped'] as const;

/** The trace events of SPEC §3: the single source every view of a run is derived from. */
export const TraceEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), ...at, flow: z.string(), channel: z.enum(['chat', 'voice', 'email']), seed: z.number().int() }),
  z.object({ type: z.literal('enter'), ...at, module: z.string() }),
  z.object({ type: z.literal('port'), ...at, module: z.string(), port: z.string(), reason: z.string(), to: z.string().nullable(), arrow: Arrow }),
  z.object({ type: z.literal('say'), ...at, module: z.string(), text: z.string(), start: z.number(), end: z.number() }),
  z.object({ type: z.literal('user'), ...at, text: z.string(), start: z.number(), end: z.number() }),
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
  z.object({ type: z.literal('response'), ...at, id: z.string(), status: z.number().int(), arrival: z.number() }),
  z.object({ type: z.literal('request_failed'), ...at, id: z.string(), endpoint: z.string(), reason: z.string(), status: z.number().int().optional() }),
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
  z.object({ type: z.literal('warning'), ...at, kind: z.enum(WARNING_KINDS), message: z.string(), module: z.string().optional(), id: z.string().optional() }),
  z.object({ type: z.literal('end'), ...at, state: EndState, reason: z.string().optional() }),
]);
export type TraceEvent = z.infer<typeof TraceEvent>;
export type TraceEventType = TraceEvent['type'];
export type TraceEventOf<K extends TraceEventType> = Extract<TraceEvent, { type: K }>;

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
