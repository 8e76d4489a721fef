import { parse } from 'yaml';
import { Latency } from '../../../main/api/formats/mocks';
import { formatIssuePath } from '../../../main/api/issue-path';
import { schemaIssues } from '../../../main/api/schema-issues';

/** A latency model typed as `sweep --distribution` and `tune --latency` take it, e.g. `{ lognormal: { medianMs: 800, p99Ms: 6000 } }`. */
export type ParsedModel = { ok: true; model: Latency } | { ok: false; message: string };

export function parseLatencyModel(text: string): ParsedModel {
  if (text.trim() === '') return { ok: false, message: 'Type a latency model, e.g. { lognormal: { medianMs: 800, p99Ms: 6000 } }' };
  if (text.length > 10_000) return { ok: false, message: 'The model is too long (at most 10,000 characters)' };
  let value: unknown;
  try {
    value = parse(text, { maxAliasCount: 0 });
  } catch (e) {
    return { ok: false, message: `Not YAML or JSON: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
  const checked = Latency.safeParse(value);
  if (checked.success) return { ok: true, model: checked.data };
  const issues = schemaIssues(checked.error);
  return { ok: false, message: issues.map((i) => (i.path.length > 0 ? `${formatIssuePath(i.path)}: ${i.message}` : i.message)).join('; ') };
}
