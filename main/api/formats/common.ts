import { z } from 'zod';

export const HttpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
export type HttpMethod = z.infer<typeof HttpMethod>;

/** Any JSON value (what YAML and JSON files hold). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const JsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
);

/**
 * The address of an HTTP API (a base URL for real-clock runs and live sessions): http or
 * https only, never file:, javascript:, data: or any other scheme.
 */
export const HttpBaseUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL (other schemes such as file: or javascript: are refused)' });

/** A CEL expression (checked for syntax when the file is loaded). */
export const CelExpression = z.string().min(1, 'expected a CEL expression');

/** JavaScript run in the sandbox (SPEC §7.2): the body of a function; checked for syntax when the file is loaded. */
export const JsCode = z.string().min(1, 'expected JavaScript code').max(65_536, 'expected at most 65,536 characters of code');

/** CPU time limit of code, in ms. */
export const CodeTimeout = z.number().int('expected whole milliseconds').min(1, 'expected at least 1 ms').max(1000, 'expected at most 1000 ms of CPU time');

/** Text with `{{name}}` or `{{name.path}}` placeholders. */
export const Template = z.string();

/**
 * The longest latency, timeout, wait or pause any file or API call may ask for: 24 h.
 * Longer values are invalid input (never clamped): real timers cannot hold them, and a
 * conversation that long is a typo.
 */
export const MAX_MILLIS = 86_400_000;
const maxMillisMessage = `expected at most ${MAX_MILLIS} ms (24 h)`;

/** Milliseconds: a whole number from 0 to 24 h. */
export const Millis = z.number().int('expected whole milliseconds').min(0, 'expected 0 ms or more').max(MAX_MILLIS, maxMillisMessage);

/** A timeout or duration that must pass: whole milliseconds from 1 to 24 h. */
/** Milliseconds that may be negative (a user step's pause: negative talks over the bot), within ±24 h. */
export const SignedMillis = z
  .number()
  .int('expected whole milliseconds')
  .min(-MAX_MILLIS, `expected -${MAX_MILLIS} ms or more (24 h)`)
  .max(MAX_MILLIS, maxMillisMessage);

export const PositiveMillis = z.number().int('expected whole milliseconds').min(1, 'expected a duration above 0 ms').max(MAX_MILLIS, maxMillisMessage);

/** A time in ms that need not be whole (a recorded time, a distribution's parameter): 0 to 24 h. */
export const TimeMs = z.number().min(0, 'expected 0 ms or more').max(MAX_MILLIS, maxMillisMessage);

/** A probability: 0 to 1. */
export const Rate = z.number().min(0, 'expected a rate from 0 to 1').max(1, 'expected a rate from 0 to 1');

/** Real clock: multiplies every delay and timeout (0.1 = ten times faster), 0.001 to 100. */
export const TimeScale = z
  .number()
  .min(0.001, 'expected a time scale from 0.001 to 100')
  .max(100, 'expected a time scale from 0.001 to 100');

/** A whole number from `min` to `max` (counts, request numbers, maxima). */
export function boundedInt(min: number, max: number): z.ZodNumber {
  return z.number().int('expected a whole number').min(min, `expected ${min} or more`).max(max, `expected at most ${max}`);
}

/**
 * Sizes every file and API call is held to (README "Limits"). A collection over its limit
 * is invalid input at its path, checked before the heavy work of validating its items.
 */
export const LIMITS = {
  /** Bytes of one flow, mocks, scenario, session or bundle file. */
  fileBytes: 20 * 1024 * 1024,
  /** Nesting of objects and lists in any file or API input. */
  depth: 64,
  /** YAML/JSON values (entries of maps and lists) in one document. */
  documentValues: 1_000_000,
  modules: 5_000,
  endpoints: 1_000,
  routes: 1_000,
  /** Responses or faults of one route, cases of one condition, custom ports of one endpoint. */
  alternatives: 1_000,
  /** Latencies of one `sequence`, request numbers of one `nth`. */
  sequence: 10_000,
  scenarios: 5_000,
  /** User steps and expectations of one scenario. */
  steps: 10_000,
  /** A 1-based request number (`nth`), a counter's `max`, an expected request count. */
  count: 1_000_000,
} as const;

/** An identifier of a module, endpoint, route, port or context. */
export const Identifier = z
  .string()
  .min(1, 'expected a non-empty id')
  .regex(/^[A-Za-z_][\w-]*$/, 'expected letters, digits, _ or - (starting with a letter or _)');
