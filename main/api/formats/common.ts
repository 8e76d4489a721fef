import { z } from 'zod';

export const HttpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
export type HttpMethod = z.infer<typeof HttpMethod>;

/** Any JSON value (what YAML and JSON files hold). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const JsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
);

/** A CEL expression (checked for syntax when the file is loaded). */
export const CelExpression = z.string().min(1, 'expected a CEL expression');

/** JavaScript run in the sandbox (SPEC §7.2): the body of a function; checked for syntax when the file is loaded. */
export const JsCode = z.string().min(1, 'expected JavaScript code').max(65_536, 'expected at most 65,536 characters of code');

/** CPU time limit of code, in ms. */
export const CodeTimeout = z.number().int('expected whole milliseconds').min(1, 'expected at least 1 ms').max(1000, 'expected at most 1000 ms of CPU time');

/** Text with `{{name}}` or `{{name.path}}` placeholders. */
export const Template = z.string();

/** Milliseconds: a whole number, zero or more. */
export const Millis = z.number().int('expected whole milliseconds').min(0, 'expected 0 ms or more');

/** An identifier of a module, endpoint, route, port or context. */
export const Identifier = z
  .string()
  .min(1, 'expected a non-empty id')
  .regex(/^[A-Za-z_][\w-]*$/, 'expected letters, digits, _ or - (starting with a letter or _)');
