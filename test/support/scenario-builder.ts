import type { z } from 'zod';
import type { FlowFileInput } from '../../main/api/formats/flow';
import { Endpoint, FlowFile } from '../../main/api/formats/flow';
import type { MocksFileInput } from '../../main/api/formats/mocks';
import { MockRoute, MocksFile } from '../../main/api/formats/mocks';
import type { ScenarioResult } from '../../main/api/formats/results';
import type { Expectation, UserStep } from '../../main/api/formats/scenario';
import type { TraceEvent, TraceEventOf, TraceEventType } from '../../main/api/formats/trace';
import { checkFlowParts, partsOfFlow } from '../../main/formats/flow-checks';
import type { LoadedScenario } from '../../main/formats/loaded-scenario';
import { runScenario } from '../../main/scenario/run-scenario';

/** A flow written inline in a test, validated like a file (schema + cross-checks). */
export function flow(input: Omit<FlowFileInput, 'format' | 'name'> & { name?: string }): FlowFile {
  const parsed = FlowFile.parse({ format: 'flowbench.flow/1', name: 'test flow', ...input });
  const issues = checkFlowParts(partsOfFlow(parsed));
  if (issues.length > 0) throw new Error(`invalid test flow: ${JSON.stringify(issues)}`);
  return parsed;
}

export function mocks(routes: MocksFileInput['routes'], seed = 1): MocksFile {
  return MocksFile.parse({ format: 'flowbench.mocks/1', seed, routes });
}

export interface ScenarioInput {
  flow: FlowFile;
  mocks?: MocksFile | null;
  user?: UserStep[];
  expect?: Expectation[];
  seed?: number;
  maxDurationMs?: number;
}

export function scenario(input: ScenarioInput): LoadedScenario {
  return {
    id: 'test#0',
    name: 'test scenario',
    description: null,
    file: 'test.scenario.yaml',
    absFile: '/test.scenario.yaml',
    index: 0,
    flow: input.flow,
    flowPath: null,
    mocks: input.mocks ?? null,
    mocksPath: null,
    overrides: {},
    clock: 'virtual',
    timeScale: 1,
    baseUrl: null,
    seed: input.seed ?? null,
    tags: [],
    user: input.user ?? [],
    expect: input.expect ?? [],
    maxDurationMs: input.maxDurationMs ?? null,
  };
}

/** Runs on the virtual clock. */
export function run(input: ScenarioInput): ScenarioResult {
  return runScenario(scenario(input));
}

export function eventsOf<K extends TraceEventType>(trace: readonly TraceEvent[], type: K): TraceEventOf<K>[] {
  return trace.filter((e): e is TraceEventOf<K> => e.type === type);
}

/** `module:port@t (reason)` for each port event: compact to assert on. */
export function ports(trace: readonly TraceEvent[]): string[] {
  return eventsOf(trace, 'port').map((p) => `${p.module}:${p.port}@${p.t}`);
}

export function reasons(trace: readonly TraceEvent[], module: string): string[] {
  return eventsOf(trace, 'port').filter((p) => p.module === module).map((p) => p.reason);
}

type EndpointInput = z.input<typeof Endpoint>;
type RouteInput = z.input<typeof MockRoute>;

/** A GET endpoint on `/<id>` with a 5000 ms timeout, plus whatever the test changes. */
export function endpoint(id: string, extra: Partial<EndpointInput> = {}): EndpointInput {
  return { id, method: 'GET', url: `/${id}`, timeoutMs: 5000, ...extra };
}

/** A GET route on `/<id>` answering 200 `{ ok: true, value: 42 }` after `latency`. */
export function route(id: string, latency: number | RouteInput['latency'], extra: Partial<RouteInput> = {}): RouteInput {
  return {
    id,
    method: 'GET',
    path: `/${id}`,
    latency: typeof latency === 'number' ? { fixed: latency } : latency,
    responses: [{ status: 200, body: { ok: true, value: 42 } }],
    ...extra,
  };
}
