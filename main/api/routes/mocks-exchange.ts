import { z } from 'zod';
import { defineRoute } from '../route';

/** Bodies longer than this are kept cut (the journal holds up to 1000 exchanges per server). */
export const EXCHANGE_BODY_LIMIT = 64 * 1024;

const BodyText = z.object({
  /** The body as UTF-8 text (the first EXCHANGE_BODY_LIMIT bytes), null when there was none. */
  text: z.string().nullable(),
  /** Bytes of the whole body. */
  bytes: z.number().int().min(0),
  /** Only the first EXCHANGE_BODY_LIMIT bytes were kept. */
  truncated: z.boolean(),
});
export type BodyText = z.infer<typeof BodyText>;

/** One journaled exchange in full: the request as it came in and the answer as sent. */
export const MockExchangeDetail = z.object({
  id: z.number().int().min(1),
  request: z.object({
    method: z.string(),
    /** The request target as sent: path and query string, not decoded. */
    url: z.string(),
    path: z.string(),
    /** Without the `?`, not decoded; '' when none. */
    queryString: z.string(),
    /** Decoded name/value pairs in order (a name may repeat). */
    query: z.array(z.tuple([z.string(), z.string()])),
    /** Header names lower-case; repeated headers joined with `, `. */
    headers: z.record(z.string(), z.string()),
    body: BodyText,
  }),
  /** What was sent back; null when nothing was (hang, reset, empty, client gone first). */
  response: z
    .object({
      status: z.number().int(),
      headers: z.record(z.string(), z.string()),
      body: BodyText,
    })
    .nullable(),
});
export type MockExchangeDetail = z.infer<typeof MockExchangeDetail>;

export const mocksExchange = defineRoute({
  name: 'mocks.exchange',
  summary: 'One journaled exchange of the running mock server in full: request headers, query string and body, response status, headers and body.',
  input: z.object({ id: z.number().int().min(1) }).strict(),
  output: MockExchangeDetail,
});
