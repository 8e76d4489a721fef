import { MockState } from '../../../main/api/formats/mocks';
import { zodIssues } from '../../../main/api/validate';

/** The text of a state for editing: JSON, two-space indented. */
export function stateText(state: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(state, null, 2);
}

/**
 * A state typed as JSON: an object of named values, checked with the contract's schema.
 * The reason says where it breaks in words (`line 3: …`, `order: …`).
 */
export function parseStateText(text: string): { ok: true; value: MockState } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON: ${jsonReason(text, error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'expected an object of named values, e.g. { "order": "ready" }' };
  // Names first, in words (the record schema's own message for a bad key is zod's).
  const badName = Object.keys(value).find((name) => name === '' || name.length > 200);
  if (badName !== undefined) return { ok: false, reason: badName === '' ? 'a state name cannot be empty' : `the state name "${badName.slice(0, 20)}…" is longer than 200 characters` };
  const parsed = MockState.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, reason: zodIssues(parsed.error).map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; ') };
}

/** JSON.parse's complaint with a line and column instead of a character offset. */
export function jsonReason(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(message);
  const offset = at?.[1] !== undefined ? Number(at[1]) : strayWord(text);
  if (offset === null) return message.replace(/^JSON\.parse: /, '');
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before[before.length - 1]?.length ?? 0) + 1;
  const what = at?.[1] !== undefined ? message.replace(/ in JSON at position \d+.*$/, '').replace(/ at position \d+.*$/, '') : `unexpected "${text.slice(offset).split(/[\s,:}\]]/)[0] ?? ''}" (text needs "quotes")`;
  return `${what} at line ${line}, column ${column}`;
}

/** Where a bare word (not true, false or null) stands outside a string: the usual slip. */
function strayWord(text: string): number | null {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (/[A-Za-z_]/.test(c) && !/[\d.]/.test(text[i - 1] ?? '')) {
      const word = /^[A-Za-z_]\w*/.exec(text.slice(i))?.[0] ?? c;
      if (word !== 'true' && word !== 'false' && word !== 'null') return i;
      i += word.length - 1;
    }
  }
  return null;
}
