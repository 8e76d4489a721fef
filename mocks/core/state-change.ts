import type { JsonValue } from '../../main/api/formats/common';
import type { Fault } from '../../main/api/formats/mocks';
import { renderJson } from '../../main/expr/template';
import type { Lookup } from '../../main/expr/template';
import { StateTooLargeError } from './mock-state';
import type { MockStates, StateValues } from './mock-state';

/**
 * `setState` applies when the response is served: in full, slowly or corrupted (malformed),
 * not when a hang, reset or empty fault keeps it from the client. Like WireMock, the change
 * is made when the request is decided, so a request that arrives during the latency already
 * sees it.
 */
export function servesBody(fault: Fault['kind'] | null): boolean {
  return fault === null || fault === 'slow_body' || fault === 'malformed';
}

export function changeState(
  states: MockStates,
  session: string,
  setState: Readonly<Record<string, JsonValue>>,
  lookup: Lookup,
  warnings: string[],
): StateValues {
  const changes: Record<string, JsonValue> = {};
  for (const [name, value] of Object.entries(setState)) {
    const rendered = renderJson(value, lookup);
    for (const missing of rendered.missing) warnings.push(`missing_template_value: {{${missing}}} in setState.${name} is not in the request`);
    changes[name] = rendered.value;
  }
  try {
    return states.apply(session, changes);
  } catch (error) {
    if (!(error instanceof StateTooLargeError)) throw error;
    warnings.push(`state not changed: ${error.message}`);
    return states.get(session);
  }
}
