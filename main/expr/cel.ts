import { Environment } from '@marcbachmann/cel-js';
import type { JsonValue } from '../api/formats/common';

/**
 * CEL through @marcbachmann/cel-js (never eval). Whole numbers go in as CEL `int` so that
 * `tries + 1` and `status == 404` both work; results come back as JSON numbers.
 */
const environment = new Environment({
  unlistedVariablesAreDyn: true,
  homogeneousAggregateLiterals: false,
  limits: { maxAstNodes: 2000, maxDepth: 64, maxListElements: 1000, maxMapEntries: 1000, maxCallArguments: 32 },
});

export type CelVariables = Readonly<Record<string, unknown>>;

export interface CompiledCel {
  readonly source: string;
  /** Evaluates with variables already converted by `toCelVariables`; throws CelError. */
  evaluate(variables: CelVariables): JsonValue;
}

export class CelError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(message);
    this.name = 'CelError';
  }
}

const cache = new Map<string, CompiledCel>();

/** Parses once (cached by source); throws CelError with the parser's message on bad syntax. */
export function compileCel(source: string): CompiledCel {
  const cached = cache.get(source);
  if (cached) return cached;
  let fn: (context?: Record<string, unknown>) => unknown;
  try {
    fn = environment.parse(source) as (context?: Record<string, unknown>) => unknown;
  } catch (error) {
    throw new CelError(source, `invalid CEL expression '${source}': ${firstLine(error)}`);
  }
  const compiled: CompiledCel = {
    source,
    evaluate(variables) {
      let result: unknown;
      try {
        result = fn(variables as Record<string, unknown>);
      } catch (error) {
        throw new CelError(source, `cannot evaluate '${source}': ${firstLine(error)}`);
      }
      if (result instanceof Promise) throw new CelError(source, `'${source}' is asynchronous`);
      return fromCel(result);
    },
  };
  cache.set(source, compiled);
  return compiled;
}

/** The syntax error of an expression, or null when it parses. */
export function celSyntaxError(source: string): string | null {
  try {
    compileCel(source);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function toCelVariables(values: Readonly<Record<string, JsonValue | undefined>>): CelVariables {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = toCel(value);
  return out;
}

export function toCel(value: JsonValue): unknown {
  if (typeof value === 'number') return Number.isInteger(value) && Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toCel(v);
    return out;
  }
  return value;
}

export function fromCel(value: unknown): JsonValue {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(fromCel);
  if (value instanceof Uint8Array) return Array.from(value);
  if (value instanceof Map) {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of value) out[String(k)] = fromCel(v);
    return out;
  }
  if (typeof value === 'object' && value !== undefined) {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromCel(v);
    return out;
  }
  return null;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
