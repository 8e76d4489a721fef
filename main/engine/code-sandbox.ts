import type { JsonValue } from '../api/formats/common';

/**
 * Where flow code runs (SPEC §7.2): the engine hands it the code and JSON inputs and gets
 * JSON back; it never sees how. Injected like the clock and the transport: the host, the
 * CLI, the tests and the bench load the QuickJS implementation (main/sandbox) once at
 * start-up, asynchronously, and every call after that is synchronous.
 */
export interface CodeSandbox {
  /** Compiles `source` as the body of a function with these parameters, without running it. */
  syntaxError(source: string, params: readonly string[]): CodeError | null;
  /** Runs one call; never throws (every failure is a `CodeError`). */
  run(call: CodeCall): CodeResult;
}

export interface CodeCall {
  /** The JavaScript as written in the flow: the body of a function. */
  source: string;
  /** The function's parameter names; `inputs` holds their values, in the same order. */
  params: readonly string[];
  inputs: readonly JsonValue[];
  /** What `Date.now()` reads inside the code (Unix ms): run start epoch + conversation time. */
  nowMs: number;
  /** `Math.random()` draw n is a pure function of (seed, key, n). */
  seed: number;
  key: readonly (string | number)[];
  /** CPU time limit of the call. */
  timeoutMs: number;
}

/** What the function returned: nothing, a string, or something else (described for the error message). */
export type CodeReturn = { kind: 'nothing' } | { kind: 'string'; value: string } | { kind: 'other'; description: string };

export interface CodeError {
  /** The JavaScript message, e.g. `TypeError: cannot read property 'x' of undefined`. */
  message: string;
  /** Line inside the code (1 = its first line), when known. */
  line?: number;
}

export type CodeResult =
  /** `outputs`: the final value of each input, as JSON (the code may change them). */
  | { ok: true; returned: CodeReturn; outputs: JsonValue[] }
  | { ok: false; error: CodeError };

/**
 * The parameters flow code sees (SPEC §7.2): a lambda gets the contexts and the user's last
 * message; a pre hook also the request, a post hook the response.
 */
export const CODE_PARAMS = {
  lambda: ['context', 'message'],
  pre: ['context', 'request', 'message'],
  post: ['context', 'response', 'message'],
} as const satisfies Record<string, readonly string[]>;

/** CPU time limit of one call when the flow does not set one. */
export const DEFAULT_CODE_TIMEOUT_MS = 50;
