import { describe, expect, it } from 'vitest';
import { FlowFile } from '../../../main/api/formats/flow';
import { MocksFile } from '../../../main/api/formats/mocks';
import { ScenarioFile } from '../../../main/api/formats/scenario';
import { orderKeys } from '../../../main/store/key-order';

const keys = (value: unknown): string[] => Object.keys(value as object);

describe('orderKeys', () => {
  it('puts format first, then the order of SPEC §2 examples', () => {
    const flow = orderKeys(FlowFile, { modules: [], endpoints: [], start: 'a', channel: 'voice', name: 'n', format: 'flowbench.flow/1', contexts: {} });
    expect(keys(flow)).toEqual(['format', 'name', 'channel', 'start', 'contexts', 'endpoints', 'modules']);
  });

  it('writes modules as { id, type, …fields, position, ports }', () => {
    const flow = orderKeys(FlowFile, {
      format: 'flowbench.flow/1',
      modules: [
        { ports: { next: 'x' }, text: 'hi', position: { y: 1, x: 2 }, label: 'L', type: 'say', id: 'a' },
        { max: 2, ports: {}, name: 'tries', type: 'counter', id: 'c' },
      ],
    }) as { modules: unknown[] };
    expect(keys(flow.modules[0])).toEqual(['id', 'type', 'label', 'text', 'position', 'ports']);
    expect(keys((flow.modules[0] as { position: unknown }).position)).toEqual(['x', 'y']);
    expect(keys(flow.modules[1])).toEqual(['id', 'type', 'name', 'max', 'ports']);
  });

  it('keeps the order of maps the user writes: contexts, headers, bodies, ports, overrides', () => {
    const flow = orderKeys(FlowFile, {
      format: 'flowbench.flow/1',
      contexts: { zeta: 1, alpha: 2 },
      endpoints: [{ body: { z: 1, a: { y: 2, b: 3 } }, headers: { 'x-b': '1', 'x-a': '2' }, url: '/u', id: 'e' }],
      modules: [{ id: 'a', type: 'api', endpoint: 'e', ports: { success: 'b', failure: 'c' } }],
    }) as { contexts: object; endpoints: { body: { a: object }; headers: object }[]; modules: { ports: object }[] };
    expect(keys(flow.contexts)).toEqual(['zeta', 'alpha']);
    expect(keys(flow.endpoints[0])).toEqual(['id', 'url', 'headers', 'body']);
    expect(keys(flow.endpoints[0]?.body)).toEqual(['z', 'a']);
    expect(keys(flow.endpoints[0]?.body.a)).toEqual(['y', 'b']);
    expect(keys(flow.endpoints[0]?.headers)).toEqual(['x-b', 'x-a']);
    expect(keys(flow.modules[0]?.ports)).toEqual(['success', 'failure']);
  });

  it('orders union members by the member they are: faults, latencies, expectations, inline flows', () => {
    const mocks = orderKeys(MocksFile, {
      routes: [{ responses: [{ body: {}, status: 404, when: 'x' }], faults: [{ rate: 0.1, status: 503, kind: 'status' }], path: '/p', id: 'r' }],
      seed: 1,
      format: 'flowbench.mocks/1',
    }) as { routes: { responses: object[]; faults: object[] }[] };
    expect(keys(mocks)).toEqual(['format', 'seed', 'routes']);
    expect(keys(mocks.routes[0])).toEqual(['id', 'path', 'faults', 'responses']);
    expect(keys(mocks.routes[0]?.faults[0])).toEqual(['kind', 'status', 'rate']);
    expect(keys(mocks.routes[0]?.responses[0])).toEqual(['when', 'status', 'body']);

    const scenario = orderKeys(ScenarioFile, {
      scenarios: [{ expect: [{ port: { nth: 1, is: 'b', module: 'a' } }], user: [{ afterMs: 1, say: 'x' }], name: 'n' }],
      flow: { modules: [{ type: 'end', id: 'e' }], start: 'e', name: 'inline', format: 'flowbench.flow/1' },
      format: 'flowbench.scenario/1',
    }) as { flow: { modules: object[] }; scenarios: { expect: { port: object }[]; user: object[] }[] };
    expect(keys(scenario)).toEqual(['format', 'flow', 'scenarios']);
    expect(keys(scenario.flow)).toEqual(['format', 'name', 'start', 'modules']);
    expect(keys(scenario.flow.modules[0])).toEqual(['id', 'type']);
    expect(keys(scenario.scenarios[0])).toEqual(['name', 'user', 'expect']);
    expect(keys(scenario.scenarios[0]?.expect[0]?.port)).toEqual(['module', 'is', 'nth']);
    expect(keys(scenario.scenarios[0]?.user[0])).toEqual(['say', 'afterMs']);
  });

  it('leaves scalars and unknown shapes alone', () => {
    expect(orderKeys(FlowFile, 'text')).toBe('text');
    expect(orderKeys(FlowFile, null)).toBe(null);
    expect(keys(orderKeys(FlowFile, { extra: 1, format: 'x' }))).toEqual(['format', 'extra']);
  });
});
