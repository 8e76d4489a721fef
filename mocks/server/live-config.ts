import { applyOverrides } from '../../main/api/formats/mocks';
import type { MockRoute, MocksFile, RouteOverride } from '../../main/api/formats/mocks';
import { compileMocks, decide, MockStates, RequestCounters } from '../core';
import type { CompiledMocks, Decision, MockRequest } from '../core';
import { checkMocksConfig, checkPatchedRoute } from './config-check';
import { UnknownRouteError } from './config-errors';

/**
 * The config the server answers with right now, compiled, with its per-session request
 * counters. Replacing or patching it takes effect on the next request; counters carry on
 * (an `nth: [3]` fault still hits the 3rd request after a latency patch).
 */
export class LiveConfig {
  private current: MocksFile;
  private compiled: CompiledMocks;
  private readonly counters = new RequestCounters();
  /** The mock state per session; a replaced config brings a new initial state. */
  readonly states: MockStates;

  /** `seed` overrides the config's own seed, also across replacements. */
  constructor(
    mocks: MocksFile,
    private readonly seedOverride?: number,
  ) {
    this.current = checkMocksConfig(mocks);
    this.compiled = compileMocks(this.current);
    this.states = new MockStates(this.current.state);
  }

  get mocks(): MocksFile {
    return this.current;
  }

  get seed(): number {
    return this.seedOverride ?? this.current.seed;
  }

  decide(request: MockRequest): Decision {
    return decide(this.compiled, request, this.counters, this.seed, this.states);
  }

  /** Throws MockConfigError (and keeps the old config) when the new one is invalid. */
  replace(mocks: MocksFile): void {
    const checked = checkMocksConfig(mocks);
    const compiled = compileMocks(checked);
    this.current = checked;
    this.compiled = compiled;
    this.states.setInitial(checked.state ?? {});
  }

  /** Throws UnknownRouteError or MockConfigError (and keeps the old route). */
  patchRoute(routeId: string, override: RouteOverride): MockRoute {
    const index = this.current.routes.findIndex((r) => r.id === routeId);
    if (index < 0) throw new UnknownRouteError(routeId, this.current.routes.map((r) => r.id));
    const next = applyOverrides(this.current, { [routeId]: override });
    const route = next.routes[index];
    if (route === undefined) throw new UnknownRouteError(routeId, this.current.routes.map((r) => r.id));
    checkPatchedRoute(route);
    const compiled = compileMocks(next);
    this.current = next;
    this.compiled = compiled;
    return route;
  }

  resetCounters(session?: string): void {
    this.counters.reset(session);
  }
}
