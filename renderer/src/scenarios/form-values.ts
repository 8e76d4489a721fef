import type { MsValue } from './scenario-form';

/** What a user types in a duration field: whole ms as a number, a `{{name}}` as text, empty as nothing. */
export function msFromText(text: string): MsValue | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

/**
 * A JSON value as a user types it: JSON where the text is JSON (`200`, `true`, `"12345"`),
 * plain text otherwise (`shipped`). `valueFromText(valueText(v))` is `v` for every value.
 */
export function valueText(value: unknown): string {
  if (typeof value === 'string' && !parsesAsJson(value)) return value;
  return JSON.stringify(value) ?? '';
}
export function valueFromText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
