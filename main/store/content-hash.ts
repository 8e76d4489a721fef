import { createHash } from 'node:crypto';

/** sha256 of a value's JSON: the version of a flow or mock set (defaults applied, so formatting does not count). */
export function contentSha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value), 'utf8').digest('hex');
}
