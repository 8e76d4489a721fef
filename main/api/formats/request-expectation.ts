import { z } from 'zod';
import { HttpMethod, Identifier, JsonValue } from './common';

/**
 * A text expectation: the exact text, or `/regex/flags` (RE2 syntax, flags i, m, s; the
 * regex is searched in the text, anchor it with ^…$ to match the whole).
 */
export const TextMatch = z.string();

/**
 * `requests:` check of a scenario (SPEC §7.3): what the bot sent to one endpoint.
 * - `count` alone: exactly that many requests were sent.
 * - with `method`/`url`/`headers`/`body`: `count` is how many sent requests match them all
 *   (without `count`: at least one does).
 * - `nth`: the nth request sent to the endpoint (1-based) matches them all.
 * Headers are named case-insensitively; `body` is a JSON subset (objects may hold more keys,
 * arrays match item by item).
 */
export const RequestExpectation = z
  .strictObject({
    endpoint: Identifier,
    count: z.number().int().min(0).optional(),
    nth: z.number().int().min(1).optional(),
    method: HttpMethod.optional(),
    url: TextMatch.min(1).optional(),
    headers: z.record(z.string().min(1), TextMatch).optional(),
    body: JsonValue.optional(),
  })
  .refine((r) => r.count === undefined || r.nth === undefined, {
    message: 'expected count or nth, not both (write two checks)',
    path: ['nth'],
  });
export type RequestExpectation = z.infer<typeof RequestExpectation>;

/** One field of a request check: what was expected, what the closest request had. */
export const RequestFieldDiff = z.object({
  /** `method`, `url`, `headers.x-sig`, `body.order.id`, `body.items[1]`… */
  field: z.string(),
  expected: z.string(),
  /** `(absent)` when the request did not have it. */
  actual: z.string(),
  ok: z.boolean(),
});
export type RequestFieldDiff = z.infer<typeof RequestFieldDiff>;

/** A sent request as the trace recorded it (rendered: what went on the wire). */
export const SentRequest = z.object({
  id: z.string(),
  endpoint: z.string(),
  /** Conversation time it was sent at. */
  t: z.number(),
  /** 1-based number of this request among those sent to its endpoint. */
  n: z.number().int().min(1),
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: JsonValue.optional(),
});
export type SentRequest = z.infer<typeof SentRequest>;

/** Why a request check failed, for the UI: the closest request sent and a field-by-field diff. */
export const RequestCheckDetail = z.object({
  kind: z.literal('requests'),
  endpoint: z.string(),
  /** Requests sent to the endpoint, and how many matched every given field. */
  sent: z.number().int().min(0),
  matched: z.number().int().min(0),
  /** Null when nothing was sent to the endpoint. */
  closest: SentRequest.nullable(),
  diff: z.array(RequestFieldDiff),
});
export type RequestCheckDetail = z.infer<typeof RequestCheckDetail>;
