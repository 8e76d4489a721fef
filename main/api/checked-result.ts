import { contract } from './contract';
import type { OutputOf, RouteName } from './contract';
import { CallResultSchema } from './errors';
import type { CallResult } from './errors';
import { describeIssues, zodIssues } from './validate';

/**
 * What a host answered to `name`, checked on the UI's side of the contract: the envelope,
 * then the output schema. Anything else becomes an `internal` error naming the call.
 */
export function checkedResult<N extends RouteName>(name: N, raw: unknown, where = 'the host'): CallResult<OutputOf<N>> {
  const envelope = CallResultSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, error: { code: 'internal', message: `${name}: ${where} answered outside the contract` } };
  if (!envelope.data.ok) return envelope.data;
  const output = contract[name].output.safeParse(envelope.data.value);
  if (!output.success) {
    return { ok: false, error: { code: 'internal', message: `${name}: output breaks the contract: ${describeIssues(zodIssues(output.error))}` } };
  }
  return { ok: true, value: output.data as OutputOf<N> };
}
