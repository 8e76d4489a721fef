import { Environment } from '@marcbachmann/cel-js';
import { LIMITS } from '../api/formats/common';
import type { JsonValue } from '../api/formats/common';
import { instrumentCel } from './cel-instrument';
import { CelMeter } from './cel-meter';

/** Structural limits of one expression, checked when it is parsed. */
export const CEL_PARSE_LIMITS = { maxAstNodes: 2000, maxDepth: 64, maxListElements: 1000, maxMapEntries: 1000, maxCallArguments: 32 };

/**
 * CEL through @marcbachmann/cel-js (never eval). Whole numbers go in as CEL `int` so that
 * `tries + 1` and `status == 404` both work; results come back as JSON numbers. Every
 * evaluation runs on a cost budget (cel-meter.ts) and `matches()` on RE2 (safe-regex.ts).
 * Files type-check their expressions against what they may read (cel-scopes.ts); here
 * variables stay dynamic, so a value missing at run time is a CelError, not a crash.
 */
const environment = new Environment({
  unlistedVariablesAreDyn: true,
  homogeneousAggregateLiterals: false,
  limits: CEL_PARSE_LIMITS,
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
const CACHE_LIMIT = 10_000;

/** The meter of the evaluation running now (evaluations are synchronous and do not nest). */
let activeMeter: CelMeter | null = null;

/** Parses once (cached by source); throws CelError with the parser's message on bad syntax. */
export function compileCel(source: string): CompiledCel {
  const cached = cache.get(source);
  if (cached) return cached;
  let fn: ReturnType<Environment['parse']>;
  try {
    fn = environment.parse(source);
    // Checking once fixes every node's operator, so evaluations do not check again. A type
    // error is the loader's to report, against the variables of its place (cel-scopes.ts);
    // here it is left to evaluation, as with any value of the wrong type.
    fn.check();
    instrumentCel(fn.ast, () => activeMeter);
  } catch (error) {
    throw new CelError(source, `invalid CEL expression '${source}': ${firstLine(error)}`);
  }
  const compiled: CompiledCel = {
    source,
    evaluate(variables) {
      const meter = new CelMeter();
      const outer = activeMeter;
      activeMeter = meter;
      let result: unknown;
      try {
        result = fn(variables);
      } catch (error) {
        throw new CelError(source, `cannot evaluate '${source}': ${meter.exhausted ? budgetMessage(meter) : firstLine(error)}`);
      } finally {
        activeMeter = outer;
      }
      // An error absorbed by `||`, `exists` or `all` still ends an evaluation over its budget.
      if (meter.exhausted) throw new CelError(source, `cannot evaluate '${source}': ${budgetMessage(meter)}`);
      if (result instanceof Promise) throw new CelError(source, `'${source}' is asynchronous`);
      try {
        return fromCel(result);
      } catch (error) {
        throw new CelError(source, `cannot evaluate '${source}': ${firstLine(error)}`);
      }
    },
  };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, compiled);
  return compiled;
}

function budgetMessage(meter: CelMeter): string {
  return `evaluation over its cost budget of ${meter.limit} steps (too many iterations, or values too large)`;
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

/** Variables for CEL, in an object without a prototype (so `constructor` is not a variable). */
export function toCelVariables(values: Readonly<Record<string, JsonValue | undefined>>): CelVariables {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
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

/**
 * A CEL result as JSON. Lists that share entries can stand for far more JSON than they
 * take memory (`cel.bind(a, [x, x], [a, a])` doubles at each step): the conversion stops
 * past LIMITS.documentValues values, the most any document may hold.
 */
export function fromCel(value: unknown): JsonValue {
  let budget = LIMITS.documentValues;
  const convert = (v: unknown): JsonValue => {
    if (--budget < 0) throw new Error(`result too large: more than ${LIMITS.documentValues} values`);
    if (typeof v === 'bigint') return Number(v);
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (Array.isArray(v)) return v.map(convert);
    if (v instanceof Uint8Array) return Array.from(v);
    if (v instanceof Map) {
      const out: Record<string, JsonValue> = {};
      for (const [k, item] of v) out[String(k)] = convert(item);
      return out;
    }
    if (typeof v === 'object' && v !== undefined) {
      const out: Record<string, JsonValue> = {};
      for (const [k, item] of Object.entries(v)) out[k] = convert(item);
      return out;
    }
    return null;
  };
  return convert(value);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
