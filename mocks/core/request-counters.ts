/**
 * How many matching requests each route has seen, per session (`x-flowbench-session`;
 * requests without one share the default session). `nth` faults, `sequence` latencies
 * and `sequence` picks count from here. Bounded: the oldest sessions are forgotten.
 */
export class RequestCounters {
  private readonly sessions = new Map<string, Map<string, number>>();
  /** The session counted last: already at the end of `sessions`, no need to move it. */
  private newest: string | null = null;

  constructor(private readonly maxSessions = 10_000) {}

  /** Counts one more matching request and returns its 1-based number. */
  next(session: string, routeId: string): number {
    let routes = this.sessions.get(session);
    if (routes) {
      // Keep recently used sessions at the end (Map keeps insertion order).
      if (session !== this.newest) {
        this.sessions.delete(session);
        this.sessions.set(session, routes);
      }
    } else {
      routes = new Map();
      this.sessions.set(session, routes);
      if (this.sessions.size > this.maxSessions) {
        const oldest = this.sessions.keys().next().value;
        if (oldest !== undefined) this.sessions.delete(oldest);
      }
    }
    this.newest = session;
    const n = (routes.get(routeId) ?? 0) + 1;
    routes.set(routeId, n);
    return n;
  }

  reset(session?: string): void {
    if (session === undefined) this.sessions.clear();
    else this.sessions.delete(session);
  }

  get sessionCount(): number {
    return this.sessions.size;
  }
}
