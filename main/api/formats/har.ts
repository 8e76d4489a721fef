import { z } from 'zod';

/** The HAR 1.2 structure (W3C draft "HTTP Archive"), the parts flowbench reads and writes. */
const NameValue = z.object({ name: z.string(), value: z.string(), comment: z.string().optional() });

export const HarRequest = z.object({
  method: z.string(),
  url: z.string(),
  httpVersion: z.string(),
  cookies: z.array(z.object({ name: z.string(), value: z.string() }).loose()),
  headers: z.array(NameValue),
  queryString: z.array(NameValue),
  postData: z.object({ mimeType: z.string(), text: z.string().optional(), params: z.array(z.unknown()).optional() }).loose().optional(),
  headersSize: z.number().int(),
  bodySize: z.number().int(),
}).loose();

export const HarResponse = z.object({
  status: z.number().int(),
  statusText: z.string(),
  httpVersion: z.string(),
  cookies: z.array(z.object({ name: z.string(), value: z.string() }).loose()),
  headers: z.array(NameValue),
  content: z.object({ size: z.number().int(), mimeType: z.string(), text: z.string().optional(), encoding: z.string().optional() }).loose(),
  redirectURL: z.string(),
  headersSize: z.number().int(),
  bodySize: z.number().int(),
}).loose();

export const HarEntry = z.object({
  startedDateTime: z.iso.datetime({ offset: true }),
  time: z.number().min(0),
  request: HarRequest,
  response: HarResponse,
  cache: z.object({}).loose(),
  timings: z.object({ send: z.number(), wait: z.number(), receive: z.number(), blocked: z.number().optional(), dns: z.number().optional(), connect: z.number().optional(), ssl: z.number().optional() }).loose(),
}).loose();
export type HarEntry = z.infer<typeof HarEntry>;

export const HarFile = z.object({
  log: z.object({
    version: z.string(),
    creator: z.object({ name: z.string(), version: z.string() }).loose(),
    pages: z.array(z.unknown()).optional(),
    entries: z.array(HarEntry),
  }).loose(),
});
export type HarFile = z.infer<typeof HarFile>;
