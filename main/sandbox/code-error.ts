import type { CodeError } from '../engine/code-sandbox';
import type { SandboxLimits } from './sandbox-limits';

/** An error as it comes out of QuickJS: from the prelude's own description, or a dumped handle. */
export interface RawJsError {
  name: string;
  message: string;
  line?: number;
  stack?: string;
}

const USER_LINE = /<input>:(\d+)/;

/** Reads whatever QuickJS handed back as an error into a `RawJsError`. */
export function rawJsError(value: unknown): RawJsError {
  if (typeof value !== 'object' || value === null) return { name: '', message: `threw ${String(value)}, not an Error` };
  const record = value as Record<string, unknown>;
  const name = typeof record['name'] === 'string' ? record['name'] : 'Error';
  const message = typeof record['message'] === 'string' ? record['message'] : '';
  const stack = typeof record['stack'] === 'string' ? record['stack'] : undefined;
  const line = typeof record['line'] === 'number' ? record['line'] : typeof record['lineNumber'] === 'number' ? record['lineNumber'] : lineIn(stack);
  return { name, message, ...(line !== undefined ? { line } : {}), ...(stack !== undefined ? { stack } : {}) };
}

function lineIn(stack: string | undefined): number | undefined {
  const match = stack === undefined ? null : USER_LINE.exec(stack);
  return match ? Number(match[1]) : undefined;
}

/** The engine's view of a failure: the JavaScript message (limits spelled out) and the line. */
export function codeError(raw: RawJsError, limits: SandboxLimits, timeoutMs: number): CodeError {
  const location = raw.line !== undefined ? { line: raw.line } : {};
  if (raw.name === 'InternalError') {
    if (raw.message === 'interrupted') return { message: `time limit exceeded: the code ran for more than ${timeoutMs} ms`, ...location };
    if (raw.message === 'out of memory') return { message: `memory limit exceeded: the code needed more than ${mb(limits.memoryBytes)}`, ...location };
    if (raw.message === 'stack overflow') return { message: 'stack limit exceeded: calls nested too deep (InternalError: stack overflow)', ...location };
  }
  if (raw.name === 'SyntaxError' && raw.message === 'stack overflow') {
    return { message: 'stack limit exceeded: an expression nested too deep to parse (SyntaxError: stack overflow)', ...location };
  }
  return { message: raw.name === '' ? raw.message : `${raw.name}: ${raw.message}`, ...location };
}

function mb(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
