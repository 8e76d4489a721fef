import { z } from 'zod';
import { HttpMethod, JsonValue, SignedMillis, TimeMs, TimeScale } from './common';
import { FlowFile } from './flow';
import { MocksFile } from './mocks';
import { ScenarioResult } from './results';
import { EndState } from './scenario';
import { TraceEvent } from './trace';

export const SESSION_FORMAT = 'flowbench.session/1';
export const BUNDLE_FORMAT = 'flowbench.bundle/1';

const at = TimeMs;
/** The pause between the bot being ready (turn ended, audio done) and the user's start; negative: talked over the bot. */
const afterMs = SignedMillis.optional();

/**
 * What the user did, in ms from the session start (`at`, when it started): a message (the
 * kind is implied, as in older files), key presses, a silence the bot's no-input timer
 * caught, or hanging up.
 */
export const SessionUserMessage = z.union([
  z.object({ kind: z.literal('say').optional(), say: z.string(), at, afterMs }),
  z.object({ kind: z.literal('dtmf'), dtmf: z.string(), at, afterMs }),
  z.object({ kind: z.literal('silence'), at }),
  z.object({ kind: z.literal('hangup'), at }),
]);
export type SessionUserMessage = z.infer<typeof SessionUserMessage>;
export type SessionUserKind = NonNullable<SessionUserMessage['kind']>;

/** The kind of a user entry (a message when it has none). */
export function userEntryKind(entry: SessionUserMessage): SessionUserKind {
  return entry.kind ?? 'say';
}

export const ExchangeOutcome = z.union([
  z.object({ status: z.number().int(), headers: z.record(z.string(), z.string()), body: JsonValue.nullable(), arrivedAt: TimeMs }),
  z.object({
    /** timeout: the bot gave up at its deadline; abandoned: it dropped the request earlier (superseded, run ended). */
    error: z.enum(['timeout', 'reset', 'empty', 'malformed', 'abandoned']),
    at: TimeMs,
    status: z.number().int().optional(),
  }),
]);
export type ExchangeOutcome = z.infer<typeof ExchangeOutcome>;

export const Exchange = z.object({
  endpoint: z.string(),
  module: z.string(),
  /** The request id of the trace (r1, r2, …). */
  id: z.string().optional(),
  sentAt: TimeMs,
  request: z.object({ method: HttpMethod, url: z.string(), headers: z.record(z.string(), z.string()), body: JsonValue.nullable() }),
  outcome: ExchangeOutcome,
  /** The fault the mock server injected, when it served the session. */
  fault: z.string().nullable().optional(),
  /**
   * The latency the mock server decided for it, in conversation ms (its journal, scaled back
   * by the session's timeScale): what a request the bot gave up on would have taken.
   */
  serverLatencyMs: z.number().min(0).optional(),
  /** The bot stopped waiting before an answer came (timeout or abandoned). */
  gaveUp: z.boolean().optional(),
});
export type Exchange = z.infer<typeof Exchange>;

/** SPEC §6: what happened in one live conversation, enough to replay it exactly. */
export const SessionFile = z.object({
  format: z.literal(SESSION_FORMAT, { error: `expected format: ${SESSION_FORMAT}` }),
  id: z.string().min(1),
  startedAt: z.string(),
  flow: z.object({
    name: z.string(),
    sha256: z.string(),
    file: z.string().optional(),
    /** The flow as it was when recorded, so a replay of the unchanged session needs nothing else. */
    content: FlowFile.optional(),
  }),
  mocks: z.object({ file: z.string().optional(), baseUrl: z.string().optional(), sha256: z.string().optional() }).optional(),
  clock: z.enum(['real', 'virtual']),
  timeScale: TimeScale.optional(),
  seed: z.number().int(),
  channel: z.enum(['chat', 'voice', 'email']).optional(),
  user: z.array(SessionUserMessage),
  exchanges: z.array(Exchange),
  trace: z.array(TraceEvent),
  endState: EndState.optional(),
  endReason: z.string().optional(),
});
export type SessionFile = z.infer<typeof SessionFile>;

/** A repro bundle: everything `flowbench replay` needs, in one JSON file. */
export const BundleFile = z.object({
  format: z.literal(BUNDLE_FORMAT, { error: `expected format: ${BUNDLE_FORMAT}` }),
  createdAt: z.string(),
  flow: FlowFile,
  mocks: MocksFile.nullable(),
  session: SessionFile,
  result: ScenarioResult.nullable(),
});
export type BundleFile = z.infer<typeof BundleFile>;
