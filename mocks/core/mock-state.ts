import type { JsonValue } from '../../main/api/formats/common';
import { MAX_STATE_CHARS } from '../../main/api/formats/mocks';

/** One session's state: replaced as a whole on every change, so a snapshot never changes. */
export type StateValues = Readonly<Record<string, JsonValue>>;

export interface SessionState {
  /** `''`: requests without `x-flowbench-session`. */
  session: string;
  state: StateValues;
}

export class StateTooLargeError extends Error {
  constructor(readonly chars: number) {
    super(`the state would hold ${chars} characters of JSON, more than the ${MAX_STATE_CHARS} allowed`);
    this.name = 'StateTooLargeError';
  }
}

/**
 * The mock state per session (SPEC §7.3; WireMock scenarios' model, but per session like the
 * request counters). A session that never changed its state reads the initial state, so a
 * new initial state (config replaced) reaches every untouched session. Bounded: the least
 * recently used sessions are forgotten first.
 */
export class MockStates {
  private readonly sessions = new Map<string, StateValues>();
  private initialState: StateValues;

  constructor(
    initial: StateValues = {},
    private readonly maxSessions = 10_000,
  ) {
    this.initialState = Object.freeze({ ...initial });
  }

  get initial(): StateValues {
    return this.initialState;
  }

  /** A new initial state (the config was replaced); sessions that changed theirs keep it. */
  setInitial(state: StateValues): void {
    this.initialState = Object.freeze({ ...state });
  }

  /** The session's current state. */
  get(session: string): StateValues {
    return this.sessions.get(session) ?? this.initialState;
  }

  /** True when the session's state was set or changed since the start or its last reset. */
  has(session: string): boolean {
    return this.sessions.has(session);
  }

  /** Replaces the session's whole state; throws StateTooLargeError past the limit. */
  set(session: string, state: StateValues): StateValues {
    const next = Object.freeze({ ...state });
    const chars = JSON.stringify(next).length;
    if (chars > MAX_STATE_CHARS) throw new StateTooLargeError(chars);
    this.sessions.delete(session);
    this.sessions.set(session, next);
    if (this.sessions.size > this.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    return next;
  }

  /** `setState`: the named values change, the others stay; throws StateTooLargeError past the limit. */
  apply(session: string, changes: StateValues): StateValues {
    return this.set(session, { ...this.get(session), ...changes });
  }

  /** Back to the initial state, for one session or all. */
  reset(session?: string): void {
    if (session === undefined) this.sessions.clear();
    else this.sessions.delete(session);
  }

  /** Every session whose state was set or changed, least recently changed first. */
  list(): SessionState[] {
    return [...this.sessions].map(([session, state]) => ({ session, state }));
  }
}
