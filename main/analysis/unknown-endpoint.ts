import type { LoadedScenario } from '../formats/loaded-scenario';

/** The analysis was asked about an endpoint the scenario's flow does not have (bad input, not a bug). */
export class UnknownEndpointError extends Error {
  constructor(
    readonly endpoint: string,
    readonly known: readonly string[],
  ) {
    super(`the flow has no endpoint '${endpoint}' (endpoints: ${known.join(', ') || 'none'})`);
    this.name = 'UnknownEndpointError';
  }
}

/** Throws UnknownEndpointError unless the scenario's flow has every one of `endpoints`. */
export function requireEndpoints(scenario: LoadedScenario, ...endpoints: string[]): void {
  const known = scenario.flow.endpoints.map((e) => e.id);
  for (const endpoint of endpoints) if (!known.includes(endpoint)) throw new UnknownEndpointError(endpoint, known);
}
