import { z } from 'zod';
import { boundedInt, CelExpression, HttpMethod, Identifier, JsonValue, LIMITS, Millis, Rate, TimeMs } from './common';

export const MOCKS_FORMAT = 'flowbench.mocks/1';

export const Latency = z.union(
  [
    z.strictObject({ fixed: Millis }),
    z.strictObject({
      uniform: z
        .tuple([Millis, Millis])
        .refine(([min, max]) => min <= max, 'expected [min, max] with min <= max'),
    }),
    z.strictObject({ normal: z.strictObject({ meanMs: Millis, sdMs: Millis }) }),
    z.strictObject({
      lognormal: z
        .strictObject({ medianMs: TimeMs.positive('expected above 0 ms'), p99Ms: TimeMs.positive('expected above 0 ms') })
        .refine((l) => l.p99Ms >= l.medianMs, 'expected p99Ms >= medianMs'),
    }),
    z.strictObject({ sequence: z.array(Millis).min(1, 'expected at least one latency').max(LIMITS.sequence, `expected at most ${LIMITS.sequence} latencies`) }),
  ],
  { error: 'expected one latency model: { fixed }, { uniform }, { normal }, { lognormal } or { sequence }' },
);
export type Latency = z.infer<typeof Latency>;

const trigger = {
  /** Probability per matching request, 0..1. */
  rate: Rate.optional(),
  /** 1-based numbers of the matching requests it hits. */
  nth: z.array(boundedInt(1, LIMITS.count)).min(1).max(LIMITS.sequence, `expected at most ${LIMITS.sequence} request numbers`).optional(),
};

export const FAULT_KINDS = ['status', 'hang', 'reset', 'empty', 'malformed', 'slow_body'] as const;

export const Fault = z
  .discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('status'),
        status: z.number().int().min(100).max(599),
        body: JsonValue.optional(),
        headers: z.record(z.string(), z.string()).optional(),
        ...trigger,
      }),
      z.strictObject({ kind: z.literal('hang'), ...trigger }),
      z.strictObject({ kind: z.literal('reset'), ...trigger }),
      z.strictObject({ kind: z.literal('empty'), ...trigger }),
      z.strictObject({ kind: z.literal('malformed'), ...trigger }),
      z.strictObject({ kind: z.literal('slow_body'), ms: Millis, ...trigger }),
    ],
    { error: `expected a fault kind: ${FAULT_KINDS.join(', ')}` },
  )
  .refine((f) => (f.rate === undefined) !== (f.nth === undefined), {
    message: 'expected exactly one trigger: rate (0..1) or nth (list of request numbers)',
  });
export type Fault = z.infer<typeof Fault>;

/** A JSON text longer than this is refused as a session's mock state (bounded memory per session). */
export const MAX_STATE_CHARS = 64 * 1024;

/**
 * Mock state (SPEC §7.3, WireMock scenarios' model): named JSON values per session. `when`
 * reads them as `state.<name>`, templates as `{{state.<name>}}`; `setState` changes them.
 */
export const MockState = z
  .record(z.string().min(1, 'expected a non-empty state name').max(200, 'expected a state name of at most 200 characters'), JsonValue)
  .refine((state) => JSON.stringify(state).length <= MAX_STATE_CHARS, `expected a state of at most ${MAX_STATE_CHARS} characters of JSON`);
export type MockState = z.infer<typeof MockState>;

export const MockResponse = z.strictObject({
  when: CelExpression.optional(),
  status: z.number().int().min(100).max(599).default(200),
  headers: z.record(z.string(), z.string()).default({}),
  body: JsonValue.optional(),
  weight: z.number().positive().max(LIMITS.count, `expected a weight of at most ${LIMITS.count}`).default(1),
  /**
   * false: the headers and body are served exactly as written — `{{…}}` in them is text, not
   * a placeholder (recorded responses that hold braces). Absent or true: templates render.
   */
  template: z.boolean().optional(),
  /** State changes applied when this response is served (values may be templates). */
  setState: MockState.optional(),
});
export type MockResponse = z.infer<typeof MockResponse>;

export const Pick = z.enum(['first', 'sequence', 'random']);

export const MockRoute = z.strictObject({
  id: Identifier,
  method: HttpMethod.default('GET'),
  path: z.string().startsWith('/', 'expected a path starting with /'),
  latency: Latency.default({ fixed: 0 }),
  faults: z.array(Fault).max(LIMITS.alternatives, `expected at most ${LIMITS.alternatives} faults`).default([]),
  pick: Pick.default('first'),
  responses: z.array(MockResponse).min(1, 'expected at least one response').max(LIMITS.alternatives, `expected at most ${LIMITS.alternatives} responses`),
});
export type MockRoute = z.infer<typeof MockRoute>;

export const MocksFile = z.strictObject({
  format: z.literal(MOCKS_FORMAT, { error: `expected format: ${MOCKS_FORMAT}` }),
  name: z.string().optional(),
  seed: z.number().int().default(0),
  /** The state every session starts with. */
  state: MockState.optional(),
  routes: z.array(MockRoute).max(LIMITS.routes, `expected at most ${LIMITS.routes} routes`),
});
export type MocksFile = z.infer<typeof MocksFile>;
export type MocksFileInput = z.input<typeof MocksFile>;

/** What a scenario (or the admin API) may change in one route. */
export const RouteOverride = z.strictObject({
  latency: Latency.optional(),
  faults: z.array(Fault).max(LIMITS.alternatives, `expected at most ${LIMITS.alternatives} faults`).optional(),
  responses: z.array(MockResponse).min(1).max(LIMITS.alternatives, `expected at most ${LIMITS.alternatives} responses`).optional(),
  pick: Pick.optional(),
});
export type RouteOverride = z.infer<typeof RouteOverride>;

/** The routes with the overrides applied (by route id). */
export function applyOverrides(mocks: MocksFile, overrides: Readonly<Record<string, RouteOverride>>): MocksFile {
  return {
    ...mocks,
    routes: mocks.routes.map((route) => {
      const o = overrides[route.id];
      if (!o) return route;
      return {
        ...route,
        ...(o.latency ? { latency: o.latency } : {}),
        ...(o.faults ? { faults: o.faults } : {}),
        ...(o.responses ? { responses: o.responses } : {}),
        ...(o.pick ? { pick: o.pick } : {}),
      };
    }),
  };
}

/** The mocks with a scenario's initial state laid over their own, name by name (SPEC §7.3). */
export function withInitialState(mocks: MocksFile, state: MockState | undefined): MocksFile {
  if (state === undefined || Object.keys(state).length === 0) return mocks;
  return { ...mocks, state: { ...(mocks.state ?? {}), ...state } };
}
