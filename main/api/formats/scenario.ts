import { z } from 'zod';
import { Identifier, JsonValue, Millis } from './common';
import { FlowFile } from './flow';
import { MockState, MocksFile, RouteOverride } from './mocks';
import { RequestExpectation } from './request-expectation';

export const SCENARIO_FORMAT = 'flowbench.scenario/1';

export const EndState = z.enum(['end', 'handover', 'awaiting_user', 'error']);
export type EndState = z.infer<typeof EndState>;

export const Clock = z.enum(['virtual', 'real']);
export type ClockKind = z.infer<typeof Clock>;

export const UserStep = z.strictObject({
  say: z.string(),
  /** Pause after the bot's audio ends; default 300 ms in voice, 0 in chat and email. */
  afterMs: Millis.optional(),
});
export type UserStep = z.infer<typeof UserStep>;

export const EXPECTATION_KINDS = ['ends', 'visits', 'port', 'context', 'says', 'requests', 'maxDeadAirMs'] as const;

export const Expectation = z.union(
  [
    z.strictObject({ ends: EndState }),
    z.strictObject({ visits: z.array(Identifier).min(1) }),
    z.strictObject({
      port: z.strictObject({ module: Identifier, is: Identifier, nth: z.number().int().min(1).optional() }),
    }),
    z.strictObject({ context: z.record(Identifier, JsonValue) }),
    z.strictObject({ says: z.string().min(1) }),
    z.strictObject({ requests: RequestExpectation }),
    z.strictObject({ maxDeadAirMs: Millis }),
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
  timeScale: z.number().positive().max(100).optional(),
  /** Real clock only: send requests to this API instead of a local mock server. */
  baseUrl: z.url().optional(),
  seed: z.number().int().optional(),
  tags: z.array(z.string().min(1)).optional(),
  user: z.array(UserStep).optional(),
  expect: z.array(Expectation).optional(),
  /** Conversation time after which the run ends in error (max_duration). */
  maxDurationMs: z.number().int().positive().optional(),
};

export const ScenarioEntry = z.strictObject({ name: z.string().min(1), ...settings });
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
    scenarios: z.array(ScenarioEntry).min(1, 'expected at least one scenario').optional(),
  })
  .superRefine((file, ctx) => {
    if (file.scenarios === undefined && file.name === undefined) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'expected a scenario name (or a list under scenarios:)' });
    }
  });
export type ScenarioFile = z.infer<typeof ScenarioFile>;
