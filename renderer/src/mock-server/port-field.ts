/** The server's port as typed: empty (keep the running server's, else any free one) or 1 to 65535. */
export function parsePort(text: string): { ok: true; value: number | null } | { ok: false; reason: string } {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  if (!/^\d+$/.test(t)) return { ok: false, reason: 'a port is a whole number from 1 to 65535' };
  const n = Number(t);
  if (n === 0) return { ok: true, value: 0 };
  if (n > 65535) return { ok: false, reason: 'at most 65535' };
  return { ok: true, value: n };
}
