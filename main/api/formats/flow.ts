import { z } from 'zod';
import { boundedInt, CelExpression, CodeTimeout, HttpMethod, Identifier, JsCode, JsonValue, LIMITS, Millis, PositiveMillis, Template } from './common';

export const FLOW_FORMAT = 'flowbench.flow/1';

export const Arrow = z.enum(['green', 'red']);
export type Arrow = z.infer<typeof Arrow>;

/** A module id (green arrow) or `{ to, arrow }`. */
export const PortTarget = z.union([
  Identifier,
  z.strictObject({ to: Identifier, arrow: Arrow.default('green') }),
]);
export type PortTarget = z.infer<typeof PortTarget>;

export const Ports = z.record(z.string(), PortTarget);

const coordinate = z.number().min(-1e7, 'expected a coordinate from -10000000 to 10000000').max(1e7, 'expected a coordinate from -10000000 to 10000000');
export const Position = z.strictObject({ x: coordinate, y: coordinate });

const base = {
  id: Identifier,
  label: z.string().optional(),
  position: Position.optional(),
  ports: Ports.default({}),
};

export const SayModule = z.strictObject({
  ...base,
  type: z.literal('say'),
  text: Template,
  /** Voice: may the caller talk over this speech (SPEC §7.1 rule 11)? Default true. */
  bargeIn: z.boolean().optional(),
});
export const CaptureModule = z.strictObject({
  ...base,
  type: z.literal('capture'),
  save: Identifier,
  pattern: z.string().optional(),
});
export const ConditionCase = z.strictObject({ port: Identifier, when: CelExpression });
export const ConditionModule = z.strictObject({
  ...base,
  type: z.literal('condition'),
  cases: z.array(ConditionCase).min(1, 'expected at least one case').max(LIMITS.alternatives, `expected at most ${LIMITS.alternatives} cases`),
});
export const ContextModule = z.strictObject({
  ...base,
  type: z.literal('context'),
  set: z.record(Identifier, CelExpression).default({}),
  delete: z.array(Identifier).default([]),
});
export const CounterModule = z.strictObject({
  ...base,
  type: z.literal('counter'),
  name: Identifier,
  max: boundedInt(0, LIMITS.count),
});
export const ApiModule = z.strictObject({ ...base, type: z.literal('api'), endpoint: Identifier });
export const ApiAsyncModule = z.strictObject({ ...base, type: z.literal('api_async'), endpoint: Identifier });
export const ApiAwaitModule = z.strictObject({
  ...base,
  type: z.literal('api_await'),
  endpoint: Identifier,
  timeoutMs: Millis,
});
export const WaitModule = z.strictObject({ ...base, type: z.literal('wait'), ms: Millis });
/** SPEC §7.2: JavaScript run in the sandbox; returns a port name (or nothing: `next`). */
export const LambdaModule = z.strictObject({
  ...base,
  type: z.literal('lambda'),
  code: JsCode,
  /** CPU time limit of one run of the code (default 50 ms); code takes no conversation time. */
  timeoutMs: CodeTimeout.optional(),
});
export const HandoverModule = z.strictObject({ ...base, type: z.literal('handover') });
export const EndModule = z.strictObject({ ...base, type: z.literal('end') });

export const FlowModule = z.discriminatedUnion('type', [
  SayModule,
  CaptureModule,
  ConditionModule,
  ContextModule,
  CounterModule,
  ApiModule,
  ApiAsyncModule,
  ApiAwaitModule,
  WaitModule,
  LambdaModule,
  HandoverModule,
  EndModule,
]);
export type FlowModule = z.infer<typeof FlowModule>;
export type ModuleType = FlowModule['type'];
export const MODULE_TYPES = FlowModule.options.map((o) => o.shape.type.value) as readonly ModuleType[];

export const EndpointPort = z.strictObject({ name: Identifier, when: CelExpression });

export const DEFAULT_SUCCESS_RULE = 'status >= 200 && status < 300';

export const Endpoint = z.strictObject({
  id: Identifier,
  method: HttpMethod.default('GET'),
  url: Template.min(1, 'expected a URL (absolute, or relative to the mock server)'),
  headers: z.record(z.string(), Template).default({}),
  body: JsonValue.default(null),
  timeoutMs: PositiveMillis.default(5000),
  statusContext: Identifier.optional(),
  map: z.record(Identifier, CelExpression).default({}),
  success: CelExpression.default(DEFAULT_SUCCESS_RULE),
  ports: z.array(EndpointPort).max(LIMITS.alternatives, `expected at most ${LIMITS.alternatives} ports`).default([]),
  /** SPEC §7.2: runs after the templates; may change request.{method,url,headers,body} and contexts. */
  pre: JsCode.optional(),
  /** SPEC §7.2: runs when the response is routed, before ports/success/map; may change response.{status,headers,body} and contexts. */
  post: JsCode.optional(),
  /** CPU time limit of one run of a hook (default 50 ms). */
  hookTimeoutMs: CodeTimeout.optional(),
});
export type Endpoint = z.infer<typeof Endpoint>;

export const Channel = z.enum(['chat', 'voice', 'email']);
export type Channel = z.infer<typeof Channel>;

/** System events that send the bot to a handler module (SPEC §7.1 rules 10 and 14). */
export const INTERRUPTION_KINDS = ['no_input', 'loop', 'no_link'] as const;
export const InterruptionKind = z.enum(INTERRUPTION_KINDS);
export type InterruptionKind = z.infer<typeof InterruptionKind>;

/** Where the bot goes on each system event: a module id of this flow. */
export const Interruptions = z.strictObject({
  no_input: Identifier.optional(),
  loop: Identifier.optional(),
  no_link: Identifier.optional(),
});
export type Interruptions = z.infer<typeof Interruptions>;

/** Context set to the kind of every interruption before its handler runs. */
export const SYS_INTERRUPTION = 'sys_interruption';
/** Context counting consecutive no-inputs, set before the no_input handler runs; 0 again when a message arrives. */
export const SYS_NO_INPUT_COUNT = 'sys_no_input_count';

export const FlowFile = z.strictObject({
  format: z.literal(FLOW_FORMAT, { error: `expected format: ${FLOW_FORMAT}` }),
  name: z.string().min(1),
  description: z.string().optional(),
  channel: Channel.default('chat'),
  start: Identifier,
  contexts: z.record(Identifier, JsonValue).default({}),
  speech: z.strictObject({ wpm: z.number().min(1, 'expected 1 to 1000 words per minute').max(1000, 'expected 1 to 1000 words per minute').default(150) }).default({ wpm: 150 }),
  /** Voice: how long the bot waits in silence before its no-input handler runs; 0 (default) = forever. */
  noInputMs: Millis.optional(),
  interruptions: Interruptions.optional(),
  endpoints: z.array(Endpoint).max(LIMITS.endpoints, `expected at most ${LIMITS.endpoints} endpoints`).default([]),
  modules: z.array(FlowModule).min(1, 'expected at least one module').max(LIMITS.modules, `expected at most ${LIMITS.modules} modules`),
});
export type FlowFile = z.infer<typeof FlowFile>;
export type FlowFileInput = z.input<typeof FlowFile>;

/** Built-in ports of each module type (endpoint custom ports come on top for api/api_await). */
export const BUILTIN_PORTS: Readonly<Record<ModuleType, readonly string[]>> = {
  say: ['next'],
  capture: ['next', 'nomatch'],
  condition: ['else'],
  context: ['next'],
  counter: ['next', 'exceeded'],
  api: ['success', 'failure'],
  api_async: ['next'],
  api_await: ['success', 'waiting', 'failure'],
  wait: ['next'],
  lambda: ['next', 'error'],
  handover: [],
  end: [],
};

/** The ports a module has: built-in ones plus case ports, a lambda's declared ports or endpoint custom ports. */
export function portsOf(module: FlowModule, endpoints: readonly Endpoint[]): string[] {
  const builtin = [...BUILTIN_PORTS[module.type]];
  if (module.type === 'condition') return [...new Set([...module.cases.map((c) => c.port), ...builtin])];
  if (module.type === 'lambda') return [...new Set([...builtin, ...Object.keys(module.ports)])];
  if (module.type === 'api' || module.type === 'api_await') {
    const endpoint = endpoints.find((e) => e.id === module.endpoint);
    return [...new Set([...(endpoint?.ports.map((p) => p.name) ?? []), ...builtin])];
  }
  return builtin;
}

/** True when running the flow needs the JavaScript sandbox (a lambda or an endpoint hook). */
export function flowHasCode(flow: FlowFile): boolean {
  return flow.modules.some((m) => m.type === 'lambda') || flow.endpoints.some((e) => e.pre !== undefined || e.post !== undefined);
}

export function targetOf(target: PortTarget): { to: string; arrow: Arrow } {
  return typeof target === 'string' ? { to: target, arrow: 'green' } : target;
}
