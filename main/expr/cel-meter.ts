/**
 * The cost budget of one CEL evaluation, in the spirit of cel-go's runtime cost tracker:
 * every node evaluated costs 1 (so every iteration of `map`, `filter`, `all`, `exists`
 * costs at least 1), a value a node makes costs its size (a string 1 per 16 characters,
 * a list or map 1 per entry), and an operation that reads whole values (`==`, `in`,
 * `contains`, `join`, `matches`, …) costs the size of what it reads. An evaluation over
 * CEL_COST_LIMIT is stopped with a CelBudgetError: about 10–20 ms of work, far above any
 * real condition (`status >= 200 && status < 300` costs 9: 7 nodes and 2 comparisons of
 * one-unit values) and far below a hang.
 */
export const CEL_COST_LIMIT = 100_000;

/** Characters of a string (or bytes of `bytes`) that cost one unit. */
const CHARS_PER_UNIT = 16;

export class CelBudgetError extends Error {
  constructor(limit: number) {
    super(`evaluation over its cost budget of ${limit} steps (too many iterations, or values too large)`);
    this.name = 'CelBudgetError';
  }
}

export class CelMeter {
  private spentUnits = 0;
  private over = false;

  constructor(readonly limit: number = CEL_COST_LIMIT) {}

  get spent(): number {
    return this.spentUnits;
  }

  get exhausted(): boolean {
    return this.over;
  }

  get remaining(): number {
    return Math.max(0, this.limit - this.spentUnits);
  }

  /**
   * Adds to the cost; throws CelBudgetError past the limit, and again on every charge
   * after (the same error: `exists` and `all` go on iterating after an error, and each of
   * those iterations must stay cheap).
   */
  charge(units: number): void {
    this.spentUnits += units;
    if (this.spentUnits > this.limit) {
      this.over = true;
      throw (this.error ??= new CelBudgetError(this.limit));
    }
  }

  private error: CelBudgetError | null = null;

  /** Throws the budget error again when the budget is spent (a no-op before). */
  stopIfExhausted(): void {
    if (this.over) throw (this.error ??= new CelBudgetError(this.limit));
  }
}

function textCost(length: number): number {
  return Math.ceil(length / CHARS_PER_UNIT);
}

/** What making `value` costs, its own size only (its entries were paid when they were made). */
export function shallowCost(value: unknown): number {
  if (typeof value === 'string') return textCost(value.length);
  if (value instanceof Uint8Array) return textCost(value.length);
  if (Array.isArray(value)) return value.length;
  if (value instanceof Map || value instanceof Set) return value.size;
  return 0;
}

/** What reading all of `value` costs (entries, and strings by length), counted up to `cap + 1`. */
export function deepCost(value: unknown, cap: number): number {
  let cost = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && cost <= cap) {
    const v = stack.pop();
    cost += 1;
    if (typeof v === 'string') cost += textCost(v.length);
    else if (v instanceof Uint8Array) cost += textCost(v.length);
    else if (Array.isArray(v)) for (const item of v) stack.push(item);
    else if (v instanceof Map) {
      for (const [key, item] of v) stack.push(key, item);
    } else if (typeof v === 'object' && v !== null) {
      for (const key in v) if (Object.hasOwn(v, key)) stack.push(key, (v as Record<string, unknown>)[key]);
    }
  }
  return cost;
}
