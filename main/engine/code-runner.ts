import type { JsonValue } from '../api/formats/common';
import type { CodeKind } from '../api/formats/trace';
import type { Clock } from './clock';
import { CODE_PARAMS } from './code-sandbox';
import type { CodeError, CodeReturn, CodeSandbox } from './code-sandbox';
import type { ContextSource, ContextStore } from './context-store';
import type { TraceRecorder } from './trace';

/** One piece of flow code to run: a lambda or an endpoint hook. */
export interface CodeRun {
  kind: CodeKind;
  source: string;
  /** `lambda:<module>` or `hook:<endpoint>`: the source of its context events. */
  origin: ContextSource;
  /** The inputs between `context` and `message` (CODE_PARAMS): the request or the response. */
  extra: readonly JsonValue[];
  /** Call key of its `Math.random` draws: which code, which run of it. */
  key: readonly (string | number)[];
  timeoutMs: number;
  /** Where the trace puts it: the module, and for hooks the endpoint and the request. */
  module: string;
  endpoint?: string;
  id?: string;
}

export interface ContextChanges {
  sets: readonly (readonly [string, JsonValue])[];
  deletes: readonly string[];
}

export type CodeOutcome =
  | { ok: true; returned: CodeReturn; extra: JsonValue[]; changes: ContextChanges }
  | { ok: false; error: CodeError };

export interface CodeRunnerOptions {
  sandbox: CodeSandbox | undefined;
  clock: Clock;
  seed: number;
  contexts: ContextStore;
  trace: TraceRecorder;
  /** The user's last message (read-only input `message`). */
  message(): string;
}

const CONTEXT_NAME = /^[A-Za-z_][\w-]*$/;

/**
 * Runs flow code for one conversation (SPEC §7.2): `context` is a JSON copy of every
 * context, the code runs in the injected sandbox at zero conversation time, and its context
 * changes are checked, then applied by the caller once it accepts the rest of the outcome —
 * each as a `context` event whose source names the code. A failure changes nothing.
 */
export class CodeRunner {
  private readonly runs = new Map<string, number>();

  constructor(private readonly options: CodeRunnerOptions) {}

  /** How many times this code has run in this conversation, this run included (a lambda's call key). */
  nextRun(name: string): number {
    const n = (this.runs.get(name) ?? 0) + 1;
    this.runs.set(name, n);
    return n;
  }

  call(run: CodeRun): CodeOutcome {
    const { sandbox, clock, contexts, seed } = this.options;
    if (!sandbox) return { ok: false, error: { message: 'no JavaScript sandbox was loaded for this run (the host must inject one)' } };
    const before = contexts.snapshot();
    const result = sandbox.run({
      source: run.source,
      params: CODE_PARAMS[run.kind],
      inputs: [before, ...run.extra, this.options.message()],
      nowMs: clock.epochMs + clock.now(),
      seed,
      key: run.key,
      timeoutMs: run.timeoutMs,
    });
    if (!result.ok) return result;
    const [context, ...rest] = result.outputs;
    const changes = contextChanges(before, context ?? null);
    if ('message' in changes) return { ok: false, error: changes };
    return { ok: true, returned: result.returned, extra: rest.slice(0, run.extra.length), changes };
  }

  /** The code ran and its outcome stands: a `code` event, then its context changes. */
  commit(run: CodeRun, changes: ContextChanges, extra: { status?: number } = {}): void {
    this.options.trace.push({ ...this.codeEvent(run, 'ok'), ...extra });
    for (const [name, value] of changes.sets) this.options.contexts.set(name, value, run.origin);
    for (const name of changes.deletes) this.options.contexts.delete(name, run.origin);
  }

  /** The code failed: a `code` event and a `lambda_error` warning with the JS message and line. */
  fail(run: CodeRun, error: CodeError): void {
    const { trace } = this.options;
    trace.push(this.codeEvent(run, 'error'));
    trace.push({
      type: 'warning',
      t: this.options.clock.now(),
      kind: 'lambda_error',
      message: error.message,
      module: run.module,
      ...(run.id !== undefined ? { id: run.id } : {}),
      ...(error.line !== undefined ? { line: error.line } : {}),
    });
  }

  private codeEvent(run: CodeRun, outcome: 'ok' | 'error') {
    return {
      type: 'code' as const,
      t: this.options.clock.now(),
      kind: run.kind,
      module: run.module,
      ...(run.endpoint !== undefined ? { endpoint: run.endpoint } : {}),
      ...(run.id !== undefined ? { id: run.id } : {}),
      outcome,
    };
  }
}

/** `lambda_error: <message> (line n)`: the reason of a port or a failed request. */
export function errorText(error: CodeError): string {
  return error.line !== undefined ? `${error.message} (line ${error.line})` : error.message;
}

/**
 * What the code changed: contexts set (new or different values, in the order of the
 * code's `context` object) and deleted (in the order they had). Fails on a name that is not
 * a context name.
 */
export function contextChanges(before: Readonly<Record<string, JsonValue>>, after: JsonValue): ContextChanges | CodeError {
  if (!isRecord(after)) return { message: `context is ${after === null ? 'null' : Array.isArray(after) ? 'an array' : `a ${typeof after}`}, expected an object` };
  const sets: (readonly [string, JsonValue])[] = [];
  for (const [name, value] of Object.entries(after)) {
    if (!CONTEXT_NAME.test(name)) return { message: `context[${JSON.stringify(name)}]: not a context name (letters, digits, _ or -, starting with a letter or _)` };
    const old = Object.hasOwn(before, name) ? before[name] : undefined;
    if (old === undefined || !jsonEqual(old, value)) sets.push([name, value]);
  }
  const deletes = Object.keys(before).filter((name) => !Object.hasOwn(after, name));
  return { sets, deletes };
}

/** Structural equality of JSON values (object key order does not matter). */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i] as JsonValue));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k] as JsonValue, b[k] as JsonValue));
}

export function isRecord(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
