import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowFile, MODULE_TYPES, portsOf } from '../../../main/api/formats/flow';
import type { FlowModule } from '../../../main/api/formats/flow';
import { FileLoader } from '../../../main/formats/file-loader';
import { checkFlowParts, partsOfFlow } from '../../../main/formats/flow-checks';
import { runScenario } from '../../../main/scenario/run-scenario';
import { examplesDir } from '../../support/paths';
import { mocks, scenario } from '../../support/scenario-builder';

const loader = new FileLoader(examplesDir);

describe('determinism (fast-check)', () => {
  it('the same scenario and seed give byte-identical traces', async () => {
    const base = (await loader.loadScenarios('scenarios/order-status.scenario.yaml'))[0]!;
    // The example mocks' lognormal latency, with no override: the seed decides everything.
    const noOverride = { ...base, overrides: {} };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const a = JSON.stringify(runScenario({ ...noOverride }, { seed }).trace);
        const b = JSON.stringify(runScenario({ ...noOverride }, { seed }).trace);
        expect(a).toBe(b);
      }),
      { numRuns: 200 },
    );
  });

  it('different seeds give different latencies', async () => {
    const base = (await loader.loadScenarios('scenarios/order-status.scenario.yaml'))[0]!;
    const arrivals = new Set(
      Array.from({ length: 20 }, (_, seed) => runScenario({ ...base, overrides: {} }, { seed }).trace.find((e) => e.type === 'response')?.t),
    );
    expect(arrivals.size).toBeGreaterThan(10);
  });
});

/** Random valid flows: every port of every module points somewhere (sometimes with red arrows). */
const randomFlow = fc
  .record({
    size: fc.integer({ min: 1, max: 9 }),
    channel: fc.constantFrom('chat', 'voice', 'email'),
    choices: fc.array(fc.nat(), { minLength: 200, maxLength: 200 }),
  })
  .map(({ size, channel, choices }) => {
    let k = 0;
    const pick = (n: number): number => (choices[k++ % choices.length] ?? 0) % n;
    const ids = Array.from({ length: size }, (_, i) => `m${i}`);
    const types = MODULE_TYPES;
    const endpoints = [
      { id: 'e0', method: 'GET' as const, url: '/e0/{{maybe}}', timeoutMs: 1 + pick(3000), statusContext: 'st', map: { v: 'body.value' } },
      { id: 'e1', method: 'GET' as const, url: '/e1', timeoutMs: 1 + pick(3000), ports: [{ name: 'teapot', when: 'status == 418' }] },
    ];
    const modules: FlowModule[] = ids.map((id) => {
      const type = types[pick(types.length)] ?? 'say';
      const endpoint = endpoints[pick(2)]?.id ?? 'e0';
      const common = { id, ports: {} };
      switch (type) {
        case 'say':
          return { ...common, type, text: 'hello {{v}}' };
        case 'capture':
          return { ...common, type, save: 'maybe', pattern: '(\\d+)' };
        case 'condition':
          return { ...common, type, cases: [{ port: 'yes', when: "message.contains('1')" }] };
        case 'context':
          return { ...common, type, set: { n: 'size(message)' }, delete: ['maybe'] };
        case 'counter':
          return { ...common, type, name: 'c', max: pick(4) };
        case 'api':
        case 'api_async':
          return { ...common, type, endpoint };
        case 'api_await':
          return { ...common, type, endpoint, timeoutMs: pick(2500) };
        case 'wait':
          return { ...common, type, ms: pick(2000) };
        case 'lambda':
          // Seeded Math.random, Date, a thrown error and a returned port: all must stay deterministic.
          return {
            ...common,
            type,
            code: "context.n = (context.n || 0) + 1; context.at = Date.now(); if (Math.random() < 0.2) return 'error'; if (context.n > 3) throw new Error('too many'); if (message.includes('1')) return 'next';",
          };
        case 'handover':
        case 'end':
          return { ...common, type };
      }
    }) as FlowModule[];
    for (const module of modules) {
      for (const port of portsOf(module, FlowFile.shape.endpoints.parse(endpoints))) {
        if (pick(10) === 0) continue; // leave some ports unconnected: no_link is a valid ending
        const to = ids[pick(ids.length)] ?? 'm0';
        module.ports[port] = pick(4) === 0 ? { to, arrow: 'red' } : to;
      }
    }
    return FlowFile.parse({ format: 'flowbench.flow/1', name: 'random', channel, start: 'm0', endpoints, modules });
  });

describe('random valid flows (fast-check)', () => {
  const routeMocks = mocks([
    { id: 'e0', method: 'GET', path: '/e0/:x', latency: { uniform: [0, 4000] }, faults: [{ kind: 'status', status: 418, rate: 0.2 }, { kind: 'reset', rate: 0.1 }], responses: [{ status: 200, body: { value: 1 } }] },
    { id: 'e0b', method: 'GET', path: '/e0/', latency: { fixed: 5 }, responses: [{ status: 200 }] },
    { id: 'e1', method: 'GET', path: '/e1', latency: { lognormal: { medianMs: 500, p99Ms: 5000 } }, faults: [{ kind: 'hang', rate: 0.1 }], responses: [{ status: 200, body: {} }] },
  ]);

  it('never throw, always end in a state, and never go back in time', () => {
    fc.assert(
      fc.property(randomFlow, fc.array(fc.constantFrom('1', 'abc', '42 42', ''), { maxLength: 4 }), fc.integer(), (flow, says, seed) => {
        expect(checkFlowParts(partsOfFlow(flow))).toEqual([]);
        const result = runScenario(scenario({ flow, mocks: routeMocks, user: says.map((say) => ({ say })), seed, maxDurationMs: 120_000 }));
        expect(['end', 'handover', 'awaiting_user', 'error']).toContain(result.endState);
        expect(result.trace.at(-1)?.type).toBe('end');
        for (let i = 1; i < result.trace.length; i++) expect(result.trace[i]!.t).toBeGreaterThanOrEqual(result.trace[i - 1]!.t);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
