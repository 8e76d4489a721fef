import { z } from 'zod';
import { JsonValue } from './common';

const VARIABLE_NAME = 'expected a variable name (letters, digits and _, not starting with a digit)';

/** A row variable: what `{{name}}` in a data-driven scenario refers to. */
export const RowVariable = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, VARIABLE_NAME);

/** One row of `each:` (SPEC §7.4): values by variable name. */
export const EachRow = z.record(RowVariable, JsonValue, {
  error: (issue) => (issue.code === 'invalid_type' ? 'expected a row of values: { name: value, … }' : issue.code === 'invalid_key' ? VARIABLE_NAME : undefined),
});
export type EachRow = z.infer<typeof EachRow>;

/** At most this many rows in one `each:`. */
export const MAX_EACH_ROWS = 10_000;

export const EachRows = z
  .array(EachRow)
  .min(1, 'expected at least one row')
  .max(MAX_EACH_ROWS, `expected at most ${MAX_EACH_ROWS} rows`);

/** Which row of its scenario's `each:` a run is (0-based), with the row's values. */
export const RowRef = z.object({ index: z.number().int().min(0), values: EachRow });
export type RowRef = z.infer<typeof RowRef>;

/** The parts of a scenario that `each:` rows fill in (with its name, which is text anyway). */
export const ROW_FIELDS = ['user', 'overrides', 'expect'] as const;

/**
 * A scenario as written without the parts its `each:` rows fill in: placeholders there may
 * stand for numbers or objects (`fixed: "{{latency}}"`), so the schema checks them once per
 * row, filled in. A scenario without `each:` is returned as it is.
 */
export function withoutRowFields(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as Record<string, unknown>)['each'] === undefined) return raw;
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!(ROW_FIELDS as readonly string[]).includes(key)) rest[key] = value;
  return rest;
}
