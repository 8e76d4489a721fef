import { applyOverrides } from '../api/formats/mocks';
import type { LoadedScenario } from '../formats/loaded-scenario';

/** Module types that never draw a random number (SPEC §1–§3). */
const PLAIN_MODULES = new Set(['say', 'capture', 'condition', 'context', 'counter', 'api', 'api_async', 'api_await', 'wait', 'handover', 'end']);
const PLAIN_ENDPOINT_KEYS = new Set(['id', 'method', 'url', 'headers', 'body', 'timeoutMs', 'statusContext', 'map', 'success', 'ports']);
const PLAIN_ROUTE_KEYS = new Set(['id', 'method', 'path', 'latency', 'faults', 'pick', 'responses']);
const PLAIN_MOCKS_KEYS = new Set(['format', 'name', 'seed', 'routes']);

/**
 * Whether a virtual-time run of the scenario, with `pinned`'s latency fixed, can depend on
 * the run's seed: true when anything in it may draw a random number — a fault `rate` strictly
 * between 0 and 1, a `random` pick among several responses, a random latency on a route that
 * another endpoint may call, or anything this check does not know (code in the flow, new
 * fields), which it counts as random to stay on the safe side. When false, two runs with the
 * same pinned latency give the same path, dead air and call length whatever their seeds.
 */
export function runDependsOnSeed(scenario: LoadedScenario, pinned: string): boolean {
  const flow = scenario.flow;
  if (flow.modules.some((m) => !PLAIN_MODULES.has(m.type))) return true;
  if (flow.endpoints.some((e) => Object.keys(e).some((k) => !PLAIN_ENDPOINT_KEYS.has(k)))) return true;
  if (!scenario.mocks) return false;
  const mocks = applyOverrides(scenario.mocks, scenario.overrides);
  if (Object.keys(mocks).some((k) => !PLAIN_MOCKS_KEYS.has(k))) return true;
  const onlyPinned = flow.endpoints.every((e) => e.id === pinned);
  return mocks.routes.some(
    (route) =>
      Object.keys(route).some((k) => !PLAIN_ROUTE_KEYS.has(k)) ||
      route.faults.some((f) => f.rate !== undefined && f.rate > 0 && f.rate < 1) ||
      (route.pick === 'random' && route.responses.length > 1) ||
      (!onlyPinned && !('fixed' in route.latency) && !('sequence' in route.latency)),
  );
}
