import { applyOverrides } from '../../main/api/formats/mocks';
import type { MockRoute, MocksFile, RouteOverride } from '../../main/api/formats/mocks';
import { compileMocks, decide, matchesRoute, MockStates, RequestCounters, SESSION_HEADER } from '../core';
import type { CompiledMocks, Decision, MockRequest } from '../core';
import { checkMocksConfig, checkPatchedRoute } from './config-check';
import { UnknownRouteError } from './config-errors';

/** At most this many sessions have a mock set of their own at once (the oldest gives way). */
export const MAX_SESSION_MOCK_SETS = 256;

/**
 * The config the server answers with right now, compiled, with its per-session request
 * counters. Replacing or patching it takes effect on the next request; counters carry on
 * (an `nth: [3]` fault still hits the 3rd request after a latency patch).
 *
 * A session may get a mock set of its own (a scenario run through the running server: the
 * scenario's mocks with its overrides): its requests are decided from that set, everyone
 * else's from the server's config.
 */
export class LiveConfig {
  private current: MocksFile;
  private compiled: CompiledMocks;
  private readonly counters = new RequestCounters();
  private readonly sessions = new Map<string, { compiled: CompiledMocks; seed: number }>();
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
    const own = this.sessionSet(request.headers[SESSION_HEADER]);
    if (own !== undefined) return decide(own.compiled, request, this.counters, own.seed, this.states);
    return decide(this.compiled, request, this.counters, this.seed, this.states);
  }

  /** The mock set a session was given with `useForSession`, if any. */
  private sessionSet(session: string | undefined): { compiled: CompiledMocks; seed: number } | undefined {
    return this.sessions.size === 0 || session === undefined ? undefined : this.sessions.get(session);
  }

  /**
   * Decides the requests of one session from `mocks` (checked like a config; throws
   * MockConfigError) with `seed`, its counters starting fresh and its state at that set's
   * initial state. Returns the release.
   */
  useForSession(session: string, mocks: MocksFile, seed = mocks.seed): () => void {
    const checked = checkMocksConfig(mocks);
    const entry = { compiled: compileMocks(checked), seed };
    this.sessions.delete(session);
    if (this.sessions.size >= MAX_SESSION_MOCK_SETS) this.sessions.delete(this.sessions.keys().next().value ?? '');
    this.sessions.set(session, entry);
    this.counters.reset(session);
    this.states.set(session, checked.state ?? {});
    return () => {
      if (this.sessions.get(session) !== entry) return;
      this.sessions.delete(session);
      this.states.reset(session);
    };
  }

  /** Whether `decide` would match a route for this method and path in this session's set (counts nothing). */
  matches(method: string, path: string, session: string | undefined): boolean {
    return matchesRoute(this.sessionSet(session)?.compiled ?? this.compiled, method, path);
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
