import { describe, expect, it } from 'vitest';
import { MocksFile } from '../../../main/api/formats/mocks';
import { FileLoader } from '../../../main/formats/file-loader';
import { runScenarioReal } from '../../../main/realtime/run-real-scenario';
import { runScenario } from '../../../main/scenario/run-scenario';
import { startMockServer } from '../../../mocks/server/start-mock-server';
import { examplesDir } from '../../support/paths';
import { endpoint, flow, mocks, route, scenario } from '../../support/scenario-builder';

const loader = new FileLoader(examplesDir);
const files = ['scenarios/order-status.scenario.yaml', 'scenarios/order-status-blocking.scenario.yaml', 'scenarios/refund-chat.scenario.yaml'];

describe('virtual mode predicts real mode', () => {
  it('every example scenario takes the same ports and ends the same on the real clock (timeScale 0.25)', async () => {
    const scenarios = (await Promise.all(files.map((f) => loader.loadScenarios(f)))).flat();
    expect(scenarios).toHaveLength(12);
    const real = await Promise.all(scenarios.map((s) => runScenarioReal(s, { timeScale: 0.25 })));
    for (const [i, s] of scenarios.entries()) {
      const virtual = runScenario(s);
      expect({ name: s.name, path: real[i]?.path, end: real[i]?.endState }).toEqual({ name: s.name, path: virtual.path, end: virtual.endState });
      expect(real[i]?.clock).toBe('real');
      // Real time runs a little behind the prediction (timer jitter, scaled back ×4), no more.
      expect(Math.abs((real[i]?.virtualMs ?? 0) - virtual.virtualMs)).toBeLessThan(virtual.virtualMs * 0.1 + 250);
    }
  });

  it('each fault kind takes the same port over real HTTP as in virtual time', async () => {
    const kinds = [
      { kind: 'status', status: 503, rate: 1 },
      { kind: 'reset', rate: 1 },
      { kind: 'empty', rate: 1 },
      { kind: 'malformed', rate: 1 },
      { kind: 'hang', rate: 1 },
      { kind: 'slow_body', ms: 200, rate: 1 },
    ] as const;
    const results = await Promise.all(
      kinds.map(async (fault) => {
        const s = scenario({
          flow: flow({
            start: 'call',
            endpoints: [endpoint('e', { timeoutMs: 1000, statusContext: 'st' })],
            modules: [{ id: 'call', type: 'api', endpoint: 'e', ports: { success: 'ok', failure: 'ko' } }, { id: 'ok', type: 'end' }, { id: 'ko', type: 'handover' }],
          }),
          mocks: mocks([route('e', 100, { faults: [fault] })]),
        });
        const virtual = runScenario(s);
        const real = await runScenarioReal(s, { timeScale: 0.5 });
        return { kind: fault.kind, virtual: virtual.path, real: real.path, reasons: real.trace.flatMap((e) => (e.type === 'port' ? [e.reason] : [])) };
      }),
    );
    for (const r of results) expect(r.real, r.kind).toEqual(r.virtual);
    expect(results.map((r) => [r.kind, r.real.join(' ')])).toEqual([
      ['status', 'call.failure ko'],
      ['reset', 'call.failure ko'],
      ['empty', 'call.failure ko'],
      ['malformed', 'call.failure ko'],
      ['hang', 'call.failure ko'],
      ['slow_body', 'call.success ok'],
    ]);
    expect(results.find((r) => r.kind === 'hang')?.reasons).toEqual(['endpoint_timeout at 1000 ms']);
  });

  it('mock state (setState, when on state.*, a scenario state) takes the same path over real HTTP as in virtual time', async () => {
    const polling = flow({
      channel: 'chat',
      start: 'call',
      endpoints: [endpoint('e', { timeoutMs: 1000, map: { v: 'body.state' }, ports: [{ name: 'pending', when: "body.state == 'pending'" }] })],
      modules: [
        { id: 'call', type: 'api', endpoint: 'e', ports: { success: 'ok', pending: 'pause', failure: 'ko' } },
        { id: 'pause', type: 'wait', ms: 300, ports: { next: 'call' } },
        { id: 'ok', type: 'end' },
        { id: 'ko', type: 'handover' },
      ],
    });
    const stateful = MocksFile.parse({
      format: 'flowbench.mocks/1',
      seed: 1,
      state: { order: 'placed' },
      routes: [
        route('e', 100, {
          responses: [
            { when: "state.order == 'placed'", body: { state: 'pending' }, setState: { order: 'again' } },
            { when: "state.order == 'again'", body: { state: 'pending' }, setState: { order: 'ready' } },
            { when: "state.order == 'ready'", body: { state: 'ready' } },
          ],
        }),
      ],
    });
    const fromStart = { ...scenario({ flow: polling, mocks: stateful }) };
    const fromReady = { ...scenario({ flow: polling, mocks: stateful }), state: { order: 'ready' } };
    for (const s of [fromStart, fromReady]) {
      const virtual = runScenario(s);
      const real = await runScenarioReal(s, { timeScale: 0.5 });
      expect(real.path).toEqual(virtual.path);
      expect(real.contexts['v']).toBe('ready');
    }
    // Worked by hand: pending (0–100), wait 300, pending (400–500), wait 300, ready (800–900).
    expect(runScenario(fromStart).path.filter((p) => p.startsWith('call.'))).toEqual(['call.pending', 'call.pending', 'call.success']);
    expect(runScenario(fromStart).virtualMs).toBe(900);
    expect(runScenario(fromReady).path.filter((p) => p.startsWith('call.'))).toEqual(['call.success']);
  });

  it('--base-url sends the requests to a given API instead of a mock server of its own', async () => {
    const api = await startMockServer({ mocks: mocks([route('e', 20, { responses: [{ status: 200, body: { value: 'from the real API' } }] })]) });
    try {
      const s = scenario({
        flow: flow({
          start: 'call',
          endpoints: [endpoint('e', { map: { v: 'body.value' } })],
          modules: [{ id: 'call', type: 'api', endpoint: 'e', ports: { success: 'ok', failure: 'ko' } }, { id: 'ok', type: 'end' }, { id: 'ko', type: 'handover' }],
        }),
      });
      const result = await runScenarioReal(s, { baseUrl: api.url });
      expect(result.contexts['v']).toBe('from the real API');
      expect(api.journal.entries().map((e) => e.routeId)).toEqual(['e']);
    } finally {
      await api.close();
    }
  });
});
