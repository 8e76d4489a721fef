import { MAX_MILLIS } from '../../../main/api/formats/common';

export type FieldResult = { ok: true; value: number } | { ok: false; reason: string };

/**
 * A time typed into a field, in ms: whole, from `min` (0) to 24 h (the schema's bound).
 * Never clamped: "-500" is refused with a reason, not applied as 0 ms.
 */
export function parseMillis(text: string, options: { min?: number } = {}): FieldResult {
  const min = options.min ?? 0;
  const trimmed = text.trim().replace(/[_\s]/g, '').replace(/ms$/i, '');
  if (trimmed === '') return { ok: false, reason: 'enter a time in ms, e.g. 800' };
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return { ok: false, reason: `"${text.trim()}" is not a number of milliseconds (e.g. 800)` };
  const value = Number(trimmed);
  if (value < 0) return { ok: false, reason: 'a time cannot be negative: enter 0 ms or more' };
  if (!Number.isInteger(value)) return { ok: false, reason: `use whole milliseconds: ${trimmed} ms has a fraction (try ${Math.round(value)})` };
  if (value > MAX_MILLIS) return { ok: false, reason: `at most ${MAX_MILLIS.toLocaleString('en-US')} ms (24 h)` };
  if (value < min) return { ok: false, reason: `at least ${min} ms` };
  return { ok: true, value };
}

/** A comma- or space-separated list of times (`300, 800, 6000`), each checked like a field. */
export function parseMillisList(text: string): { ok: true; value: number[] } | { ok: false; reason: string } {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, reason: 'enter at least one time in ms, e.g. 300, 800, 6000' };
  const value: number[] = [];
  for (const [i, part] of parts.entries()) {
    const one = parseMillis(part);
    if (!one.ok) return { ok: false, reason: `${ordinal(i + 1)} value: ${one.reason}` };
    value.push(one.value);
  }
  return { ok: true, value };
}

/** Whole request numbers from 1 (`3, 5`). */
export function parseCountList(text: string, max: number): { ok: true; value: number[] } | { ok: false; reason: string } {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, reason: 'enter at least one request number, e.g. 3' };
  const value: number[] = [];
  for (const [i, part] of parts.entries()) {
    const n = Number(part);
    if (!/^\d+$/.test(part) || n < 1 || n > max) return { ok: false, reason: `${ordinal(i + 1)} value: "${part}" is not a request number from 1 to ${max.toLocaleString('en-US')}` };
    value.push(n);
  }
  return { ok: true, value };
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}
