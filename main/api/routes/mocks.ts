import { z } from 'zod';
import { HttpMethod, JsonValue } from '../formats/common';
import { FAULT_KINDS, MockState, MocksFile, Pick, RouteOverride } from '../formats/mocks';
import { defineRoute } from '../route';

/** One request the mock server saw (SPEC §4 journal). */
export const MockJournalEntry = z.object({
  /** Increases by one per request since the server started. */
  id: z.number().int().min(1),
  /** When the request arrived (ISO 8601). */
  time: z.string(),
  /** When the request arrived, in ms since the server started. */
  t: z.number().min(0),
  method: z.string(),
  /** Path as sent (not decoded), without the query string. */
  path: z.string(),
  query: z.record(z.string(), z.string()),
  /** The query string as sent (not decoded, no `?`); absent when the request had none. */
  queryString: z.string().optional(),
  /** The matched (or, in record mode, recorded) route; null when no route matched. */
  routeId: z.string().nullable(),
  /** 1-based number of this request on its route within its session; null when unmatched. */
  n: z.number().int().min(1).nullable(),
  /** `x-flowbench-session` header, null when absent. */
  session: z.string().nullable(),
  /** `x-flowbench-module` header, null when absent. */
  module: z.string().nullable(),
  /** `x-flowbench-request-id` header (the engine's request id, sent by the real transport); absent when not sent. */
  requestId: z.string().optional(),
  /** The latency decided for the request (observed latency when proxied). */
  latencyMs: z.number().min(0),
  fault: z.enum(FAULT_KINDS).nullable(),
  /** The status line sent; null when none was (hang, reset, empty, client gone). */
  status: z.number().int().nullable(),
  /** Body bytes written to the socket. */
  bytes: z.number().int().min(0),
  /** From arrival until the exchange ended (answer complete or connection closed). */
  durationMs: z.number().min(0),
  /** The client closed the connection before the answer was complete (e.g. a bot timeout). */
  clientGaveUp: z.boolean(),
  /** Record mode: the request was proxied to the target. */
  proxied: z.boolean(),
  warnings: z.array(z.string()),
  /** The session's mock state when the request came in, and after it was served (absent when not decided). */
  stateBefore: z.record(z.string(), JsonValue).optional(),
  stateAfter: z.record(z.string(), JsonValue).optional(),
});
export type MockJournalEntry = z.infer<typeof MockJournalEntry>;

/** Status filter: an exact code (`503`) or a class (`5xx`). */
export const StatusFilter = z.union([z.number().int().min(100).max(599), z.string().regex(/^[1-5]xx$/, 'expected a status like 503 or 5xx')]);

export const JournalFilter = z
  .object({
    route: z.string().optional(),
    session: z.string().optional(),
    status: StatusFilter.optional(),
    /** Entries that arrived at or after this time (ISO 8601). */
    since: z.iso.datetime({ offset: true }).optional(),
    /** Entries with an id greater than this one (for polling). */
    after: z.number().int().min(0).optional(),
    /** At most this many entries: the most recent ones, oldest first. */
    limit: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();
export type JournalFilter = z.infer<typeof JournalFilter>;

export const JournalPage = z.object({
  entries: z.array(MockJournalEntry),
  /** Requests journaled since the start or the last clear (the ring buffer keeps the latest). */
  total: z.number().int().min(0),
});
export type JournalPage = z.infer<typeof JournalPage>;

export const MockRouteSummary = z.object({
  id: z.string(),
  method: HttpMethod,
  path: z.string(),
  /** e.g. `lognormal median 800 ms, p99 6000 ms`. */
  latency: z.string(),
  faults: z.array(z.string()),
  pick: Pick,
  responses: z.number().int().min(0),
});
export type MockRouteSummary = z.infer<typeof MockRouteSummary>;

export const MockServerStatus = z.object({
  running: z.boolean(),
  url: z.string().nullable(),
  port: z.number().int().nullable(),
  seed: z.number().int().nullable(),
  /** The mocks file it was started from, null when inline or stopped. */
  file: z.string().nullable(),
  config: MocksFile.nullable(),
  routes: z.array(MockRouteSummary),
  warnings: z.array(z.string()),
  /** What the UI changed live per route since the server started (its config already holds them). */
  patches: z.record(z.string(), RouteOverride).default({}),
});
export type MockServerStatus = z.infer<typeof MockServerStatus>;

export const mocksStart = defineRoute({
  name: 'mocks.start',
  summary:
    'Starts the mock server (restarting it if it runs) from a mocks file (relative paths resolve against examples/) or an inline flowbench.mocks/1 value.',
  input: z
    .object({
      file: z.string().min(1).optional(),
      mocks: MocksFile.optional(),
      port: z.number().int().min(0).max(65535).optional(),
      seed: z.number().int().optional(),
    })
    .strict()
    .refine((i) => (i.file === undefined) !== (i.mocks === undefined), { message: 'expected exactly one of file or mocks' }),
  output: MockServerStatus,
});

export const mocksStop = defineRoute({
  name: 'mocks.stop',
  summary: 'Stops the mock server (nothing happens when it is not running).',
  input: z.object({}).strict(),
  output: MockServerStatus,
});

export const mocksStatus = defineRoute({
  name: 'mocks.status',
  summary: 'Whether the mock server runs, its URL, its config and a summary of each route.',
  input: z.object({}).strict(),
  output: MockServerStatus,
});

export const mocksPatchRoute = defineRoute({
  name: 'mocks.patchRoute',
  summary: "Changes one route's latency, faults, responses or pick live; the next request uses it.",
  input: z.object({ routeId: z.string().min(1), override: RouteOverride }).strict(),
  output: MockServerStatus,
});

export const mocksJournal = defineRoute({
  name: 'mocks.journal',
  summary: 'The request journal of the running mock server, filtered.',
  input: JournalFilter.default({}),
  output: JournalPage,
});

export const mocksClearJournal = defineRoute({
  name: 'mocks.clearJournal',
  summary: 'Empties the request journal.',
  input: z.object({}).strict(),
  output: z.object({ cleared: z.number().int().min(0) }),
});

/** One session's mock state on the running server (SPEC §7.3). */
export const MockSessionState = z.object({
  /** `''`: requests without `x-flowbench-session`. */
  session: z.string(),
  state: z.record(z.string(), JsonValue),
  /** False while the session still reads the initial state (never changed, or reset). */
  changed: z.boolean(),
});
export type MockSessionState = z.infer<typeof MockSessionState>;

export const MockStateView = z.object({
  /** The state every session starts with (the mock set's `state:`). */
  initial: z.record(z.string(), JsonValue),
  /** The session asked for, or every session whose state changed, least recently changed first. */
  sessions: z.array(MockSessionState),
});
export type MockStateView = z.infer<typeof MockStateView>;

export const mocksState = defineRoute({
  name: 'mocks.state',
  summary: "The running mock server's state: one session's (`session`), or the initial state and every session that changed it.",
  input: z.object({ session: z.string().optional() }).strict().default({}),
  output: MockStateView,
});

export const mocksSetState = defineRoute({
  name: 'mocks.setState',
  summary: "Replaces one session's whole mock state (session '' = requests without x-flowbench-session); the next request sees it.",
  input: z.object({ session: z.string().default(''), state: MockState }).strict(),
  output: MockStateView,
});

export const mocksResetState = defineRoute({
  name: 'mocks.resetState',
  summary: 'Puts one session (or every session) back to the initial mock state.',
  input: z.object({ session: z.string().optional() }).strict().default({}),
  output: MockStateView,
});
