import { applyOverrides } from '../../main/api/formats/mocks';
import type { MockRoute, MocksFile, RouteOverride } from '../../main/api/formats/mocks';
import { compileMocks, decide, matchesRoute, RequestCounters } from '../core';
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

  /** `seed` overrides the config's own seed, also across replacements. */
  constructor(
    mocks: MocksFile,
    private readonly seedOverride?: number,
  ) {
    this.current = checkMocksConfig(mocks);
    this.compiled = compileMocks(this.current);
  }

  get mocks(): MocksFile {
    return this.current;
  }

  get seed(): number {
    return this.seedOverride ?? this.current.seed;
  }

  decide(request: MockRequest): Decision {
    return decide(this.compiled, request, this.counters, this.seed);
  }

  /** Whether `decide` would match a route for this method and path (counts nothing). */
  matches(method: string, path: string): boolean {
    return matchesRoute(this.compiled, method, path);
  }

  /** Throws MockConfigError (and keeps the old config) when the new one is invalid. */
  replace(mocks: MocksFile): void {
    const checked = checkMocksConfig(mocks);
    const compiled = compileMocks(checked);
    this.current = checked;
    this.compiled = compiled;
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
