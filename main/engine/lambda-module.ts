import type { FlowModule } from '../api/formats/flow';
import { portsOf } from '../api/formats/flow';
import type { CodeRunner } from './code-runner';
import { errorText } from './code-runner';
import type { CodeError } from './code-sandbox';
import { DEFAULT_CODE_TIMEOUT_MS } from './code-sandbox';
import type { PortChoice } from './response-routing';

type LambdaModule = Extract<FlowModule, { type: 'lambda' }>;

/**
 * The `lambda` module (SPEC §7.2): runs its code with a JSON copy of every context; the
 * code returns nothing (`next`) or the name of one of its ports. A throw, a limit, a non-JSON
 * context value or a port it does not have leaves by `error` (`lambda_error: …`) and
 * changes nothing.
 */
export function runLambda(code: CodeRunner, module: LambdaModule): PortChoice {
  const run = {
    kind: 'lambda' as const,
    source: module.code,
    origin: `lambda:${module.id}` as const,
    extra: [],
    key: ['lambda', module.id, code.nextRun(`lambda:${module.id}`)],
    timeoutMs: module.timeoutMs ?? DEFAULT_CODE_TIMEOUT_MS,
    module: module.id,
  };
  const outcome = code.call(run);
  const fail = (error: CodeError): PortChoice => {
    code.fail(run, error);
    return { port: 'error', reason: `lambda_error: ${errorText(error)}` };
  };
  if (!outcome.ok) return fail(outcome.error);
  const returned = outcome.returned;
  let choice: PortChoice;
  switch (returned.kind) {
    case 'nothing':
      choice = { port: 'next', reason: 'returned nothing' };
      break;
    case 'string': {
      const ports = portsOf(module, []);
      if (!ports.includes(returned.value)) {
        return fail({ message: `returned '${returned.value}', which is not a port of '${module.id}' (ports: ${ports.join(', ')})` });
      }
      choice = { port: returned.value, reason: `returned '${returned.value}'` };
      break;
    }
    case 'other':
      return fail({ message: `returned ${returned.description}; return a port name (a string) or nothing` });
  }
  code.commit(run, outcome.changes);
  return choice;
}
