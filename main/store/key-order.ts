import { z } from 'zod';

/** Keys that lead or close an object wherever the schema has them (SPEC §2's examples: `{ id, type, …, ports }`). */
const FIRST = ['format', 'id', 'type'];
const LAST = ['position', 'ports'];

/**
 * A copy of `value` whose objects list their keys in the schema's order (the order of the
 * examples in SPEC §2), `format` first. Maps the user writes (contexts, headers, bodies,
 * overrides) keep their own order: only the format's own keys move.
 */
export function orderKeys(schema: z.ZodType, value: unknown): unknown {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    if (!isPlainObject(value)) return value;
    const shape: Record<string, z.ZodType> = inner.shape;
    const known = Object.keys(shape);
    const keys = [
      ...FIRST.filter((k) => k in value && known.includes(k)),
      ...known.filter((k) => k in value && !FIRST.includes(k) && !LAST.includes(k)),
      ...LAST.filter((k) => k in value && known.includes(k)),
      ...Object.keys(value).filter((k) => !known.includes(k)),
    ];
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const field = shape[key];
      out[key] = field === undefined ? value[key] : orderKeys(field, value[key]);
    }
    return out;
  }
  if (inner instanceof z.ZodRecord) {
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = orderKeys(inner.valueType as z.ZodType, item);
    return out;
  }
  if (inner instanceof z.ZodArray) {
    return Array.isArray(value) ? value.map((item: unknown) => orderKeys(inner.element as z.ZodType, item)) : value;
  }
  if (inner instanceof z.ZodUnion) {
    const option = pickOption(inner.options as readonly z.ZodType[], value);
    return option === undefined ? value : orderKeys(option, value);
  }
  return value;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodLazy || current instanceof z.ZodReadonly) current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
    else return current;
  }
}

/** The union member a value belongs to: for an object, the object schemas that have all of its keys, the one that accepts it. */
function pickOption(options: readonly z.ZodType[], value: unknown): z.ZodType | undefined {
  if (!isPlainObject(value)) {
    return options.find((o) => !(unwrap(o) instanceof z.ZodObject) && o.safeParse(value).success);
  }
  const keys = Object.keys(value);
  const candidates = options.filter((o) => {
    const inner = unwrap(o);
    if (inner instanceof z.ZodObject) return keys.every((k) => k in inner.shape);
    return inner instanceof z.ZodRecord || inner instanceof z.ZodUnion;
  });
  if (candidates.length === 1) return candidates[0];
  return candidates.find((o) => o.safeParse(value).success) ?? candidates[0];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
