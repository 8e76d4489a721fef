import { z } from 'zod';
import { boundedInt, HttpBaseUrl, Identifier, JsonValue, LIMITS, Millis, PositiveMillis, SignedMillis, TimeScale } from './common';
import { EachRows } from './each-rows';
import { FlowFile, InterruptionKind } from './flow';
import { MockState, MocksFile, RouteOverride } from './mocks';
import { RequestExpectation } from './request-expectation';

export const SCENARIO_FORMAT = 'flowbench.scenario/1';

/** How a run ends; `hangup`: the caller hung up (SPEC §7.1 rule 13). */
export const EndState = z.enum(['end', 'handover', 'awaiting_user', 'error', 'hangup']);
export type EndState = z.infer<typeof EndState>;

export const Clock = z.enum(['virtual', 'real']);
export type ClockKind = z.infer<typeof Clock>;

/** A message. In voice a negative `afterMs` is a barge-in (SPEC §7.1 rule 11); chat and email need 0 or more. */
export const SayStep = z.strictObject({
  say: z.string(),
  /** Pause after the bot's audio ends; default 300 ms in voice, 0 in chat and email. */
  afterMs: SignedMillis.optional(),
});
export type SayStep = z.infer<typeof SayStep>;

/** The user says nothing at this wait (rule 10). */
export const SilenceStep = z.strictObject({ silence: z.literal(true) });
export type SilenceStep = z.infer<typeof SilenceStep>;

export const DTMF_KEYS = /^[0-9*#A-D]+$/;
/** Key presses, 100 ms each, delivered as the message (rule 12). Voice only. */
export const DtmfStep = z.strictObject({
  dtmf: z.string().max(64, 'expected at most 64 keys').regex(DTMF_KEYS, 'expected DTMF keys: 0-9, *, #, A-D'),
  afterMs: Millis.optional(),
});
export type DtmfStep = z.infer<typeof DtmfStep>;

export const HANGUP_TRIGGERS = ['afterMs', 'atMs', 'deadAirMs'] as const;
/** The caller hangs up (rule 13): `afterMs` after the bot starts waiting, at `atMs`, or after `deadAirMs` of dead air. */
export const HangupStep = z.strictObject({
  hangup: z
    .strictObject({
      afterMs: Millis.optional(),
      atMs: Millis.optional(),
      deadAirMs: z.number().int('expected whole milliseconds').positive('expected more than 0 ms').optional(),
    })
    .superRefine((h, ctx) => {
      const given = HANGUP_TRIGGERS.filter((k) => h[k] !== undefined);
      if (given.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          message: `expected exactly one of ${HANGUP_TRIGGERS.join(', ')}${given.length > 1 ? ` (got ${given.join(' and ')})` : ''}`,
        });
      }
    }),
});
export type HangupStep = z.infer<typeof HangupStep>;

export const UserStep = z.union([SayStep, SilenceStep, DtmfStep, HangupStep], {
  error: 'expected a user step: { say }, { silence: true }, { dtmf } or { hangup }',
});
export type UserStep = z.infer<typeof UserStep>;

export const EXPECTATION_KINDS = ['ends', 'visits', 'port', 'context', 'says', 'requests', 'maxDeadAirMs', 'interruption', 'maxCallMs'] as const;

export const Expectation = z.union(
  [
    z.strictObject({ ends: EndState }),
    z.strictObject({ visits: z.array(Identifier).min(1) }),
    z.strictObject({
      port: z.strictObject({ module: Identifier, is: Identifier, nth: boundedInt(1, LIMITS.count).optional() }),
    }),
    z.strictObject({ context: z.record(Identifier, JsonValue) }),
    z.strictObject({ says: z.string().min(1) }),
    z.strictObject({ requests: RequestExpectation }),
    z.strictObject({ maxDeadAirMs: Millis }),
    /** How many times an interruption of this kind happened: exactly `count`, or at least once. */
    z.strictObject({ interruption: z.strictObject({ kind: InterruptionKind, count: z.number().int().min(0).optional() }) }),
    /** The call's length (the later of end.t and the end of the last sound, SPEC §2.3) is at most this. */
    z.strictObject({ maxCallMs: Millis }),
  ],
  { error: `expected one check per item, one of: ${EXPECTATION_KINDS.join(', ')}` },
);
export type Expectation = z.infer<typeof Expectation>;

/** A flow by path (relative to the scenario file) or written inline. */
export const FlowRef = z.union([z.string().min(1), FlowFile], {
  error: 'expected a path to a flow file or an inline flowbench.flow/1 flow',
});
export const MocksRef = z.union([z.string().min(1), MocksFile], {
  error: 'expected a path to a mocks file or an inline flowbench.mocks/1 mock set',
});

const settings = {
  description: z.string().optional(),
  flow: FlowRef.optional(),
  mocks: MocksRef.optional(),
  overrides: z.record(Identifier, RouteOverride).optional(),
  /** The mock state the run starts in, laid over the mocks' own `state:` (SPEC §7.3). */
  state: MockState.optional(),
  clock: Clock.optional(),
  /** Real clock only: multiplies every delay and timeout (0.1 = ten times faster). */
  timeScale: TimeScale.optional(),
  /** Real clock only: send requests to this API instead of a local mock server. */
  baseUrl: HttpBaseUrl.optional(),
  seed: z.number().int().optional(),
  tags: z.array(z.string().min(1)).optional(),
  user: z.array(UserStep).max(LIMITS.steps, `expected at most ${LIMITS.steps} user steps`).optional(),
  expect: z.array(Expectation).max(LIMITS.steps, `expected at most ${LIMITS.steps} checks`).optional(),
  /** Conversation time after which the run ends in error (max_duration). */
  maxDurationMs: PositiveMillis.optional(),
};

/** `each:` (SPEC §7.4): one run per row, `{{name}}` replaced in the name, user steps, overrides and expectations. */
const rows = { each: EachRows.optional() };

export const ScenarioEntry = z.strictObject({ name: z.string().min(1), ...settings, ...rows });
export type ScenarioEntry = z.infer<typeof ScenarioEntry>;

/**
 * A scenario file holds one scenario (with `name`) or a list under `scenarios:`; settings
 * at the top apply to every scenario of the list unless the scenario sets its own.
 */
export const ScenarioFile = z
  .strictObject({
    format: z.literal(SCENARIO_FORMAT, { error: `expected format: ${SCENARIO_FORMAT}` }),
    name: z.string().min(1).optional(),
    ...settings,
    ...rows,
    scenarios: z.array(ScenarioEntry).min(1, 'expected at least one scenario').max(LIMITS.scenarios, `expected at most ${LIMITS.scenarios} scenarios`).optional(),
  })
  .superRefine((file, ctx) => {
    if (file.scenarios === undefined && file.name === undefined) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'expected a scenario name (or a list under scenarios:)' });
    }
  });
export type ScenarioFile = z.infer<typeof ScenarioFile>;
