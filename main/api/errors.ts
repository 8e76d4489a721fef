import { z } from 'zod';

export const ApiErrorCode = z.enum([
  'invalid_input',
  /** Browser mode: the request carries no valid access token. */
  'unauthorized',
  /** The request is refused whatever its input: e.g. a path outside the folders flowbench may use. */
  'forbidden',
  'unknown_route',
  'not_found',
  'conflict',
  'failed',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const ApiIssue = z.object({
  /** Where in the input (or file) the problem is, e.g. `modules[3].ports.next`. */
  path: z.string(),
  message: z.string(),
});
export type ApiIssue = z.infer<typeof ApiIssue>;

export const ApiError = z.object({
  code: ApiErrorCode,
  message: z.string(),
  issues: z.array(ApiIssue).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/** What every call returns, across IPC and HTTP: never a thrown error. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const CallResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiError }),
]);

/** HTTP status for an error code, used by the browser-mode server. */
export function httpStatusFor(code: ApiErrorCode): number {
  switch (code) {
    case 'invalid_input':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'unknown_route':
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'failed':
      return 422;
    case 'internal':
      return 500;
  }
}

/** The error a client raises when a call comes back with `ok: false`. */
export class ApiCallError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: ApiIssue[];
  constructor(readonly route: string, error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.issues = error.issues ?? [];
  }
}
