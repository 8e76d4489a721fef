import { jsonReason } from './state-form';

/** A response body typed in its field: JSON (checked, with line and column) or plain text. */
export function parseBodyField(mode: 'json' | 'text' | 'none', text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (mode === 'none') return { ok: true, value: undefined };
  if (mode === 'text') return { ok: true, value: text };
  if (text.trim() === '') return { ok: false, reason: 'enter a JSON value, e.g. { "id": "{{params.id}}" }, or choose "no body"' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: `not valid JSON: ${jsonReason(text, error)} (to send it as text, choose "text")` };
  }
}

/** An HTTP status typed in its field: a whole number from 100 to 599. */
export function parseStatus(text: string): { ok: true; value: number } | { ok: false; reason: string } {
  const n = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || n < 100 || n > 599) return { ok: false, reason: 'an HTTP status from 100 to 599, e.g. 200 or 503' };
  return { ok: true, value: n };
}

/** Header rows to the record the file holds; a name given twice or a blank name is refused. */
export function headersRecord(rows: readonly { name: string; value: string }[]): { ok: true; value: Record<string, string> } | { ok: false; reason: string } {
  const out: Record<string, string> = {};
  for (const [i, row] of rows.entries()) {
    const name = row.name.trim();
    if (name === '') return { ok: false, reason: `header ${i + 1}: enter its name` };
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return { ok: false, reason: `header ${i + 1}: "${name}" is not a valid header name` };
    const key = name.toLowerCase();
    if (Object.keys(out).some((k) => k.toLowerCase() === key)) return { ok: false, reason: `header ${name} is given twice` };
    out[name] = row.value;
  }
  return { ok: true, value: out };
}
