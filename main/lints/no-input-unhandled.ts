import type { LintWarning } from '../api/formats/lint';
import type { FlowGraph } from './flow-graph';
import { warning } from './lint-context';

/**
 * A voice flow with a no-input timer (`noInputMs > 0`) and no `interruptions.no_input`
 * handler: a silent caller is never reprompted, the bot waits for ever (SPEC §7.1 rule 10).
 */
export function noInputUnhandled(graph: FlowGraph): LintWarning[] {
  const flow = graph.flow;
  if (flow.channel !== 'voice' || (flow.noInputMs ?? 0) <= 0 || flow.interruptions?.no_input !== undefined) return [];
  return [
    warning(
      'no-input-unhandled',
      `noInputMs is ${flow.noInputMs} ms but interruptions has no no_input handler: a silent caller is never reprompted and the bot waits for ever`,
      'noInputMs',
    ),
  ];
}
