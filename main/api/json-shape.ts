/**
 * Shape checks for untrusted JSON-like values (parsed files, API inputs, request bodies):
 * how deep they nest and how many values they hold. Both run without recursion, so a
 * value nested 100,000 deep is measured, not a stack overflow.
 */

import { LIMITS } from './formats/common';

export type ShapePath = (string | number)[];

/** Nesting of objects and lists in any file or API input (README "Limits"). */
export const MAX_JSON_DEPTH: number = LIMITS.depth;

type Container = readonly unknown[] | Readonly<Record<string, unknown>>;

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null && !(value instanceof Uint8Array);
}

interface Visit {
  value: unknown;
  depth: number;
  key: string | number | null;
  parent: Visit | null;
}

/**
 * The path of the first container (in document order) that is nested deeper than `max`,
 * or null when the value stays within it. A value shared in several places (a YAML alias)
 * is visited in each: call `countValues` first to bound the work.
 */
export function tooDeepAt(value: unknown, max: number = MAX_JSON_DEPTH): ShapePath | null {
  const stack: Visit[] = [{ value, depth: 0, key: null, parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    const v = visit.value;
    if (!isContainer(v)) continue;
    const depth = visit.depth + 1;
    if (depth > max) {
      const path: ShapePath = [];
      for (let at: Visit | null = visit; at !== null && at.key !== null; at = at.parent) path.unshift(at.key);
      return path;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (isContainer(v[i])) stack.push({ value: v[i], depth, key: i, parent: visit });
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        const child = (v as Readonly<Record<string, unknown>>)[key];
        if (isContainer(child)) stack.push({ value: child, depth, key, parent: visit });
      }
    }
  }
  return null;
}

/**
 * How many values (scalars and containers) `value` holds, a shared value counted in each
 * place it appears (as validation will see it), counting at most to `cap + 1`: a value
 * that contains itself is simply over the cap.
 */
export function countValues(value: unknown, cap: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= cap) {
    const v = stack.pop();
    count++;
    if (!isContainer(v)) continue;
    if (Array.isArray(v)) {
      for (const child of v) stack.push(child);
    } else {
      for (const child of Object.values(v)) stack.push(child);
    }
  }
  return count;
}

/** The message for a value nested too deep. */
export function tooDeepMessage(max: number = MAX_JSON_DEPTH): string {
  return `nested deeper than ${max} levels of objects and lists (the limit for any file or input)`;
}
