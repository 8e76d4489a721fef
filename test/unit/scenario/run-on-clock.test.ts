import { describe, expect, it } from 'vitest';
import type { FlowFile } from '../../../main/api/formats/flow';
import { runScenarioOnClock } from '../../../main/scenario/run-on-clock';
import { flow, scenario } from '../../support/scenario-builder';

const good = flow({
  channel: 'chat',
  start: 'hi',
  modules: [
    { id: 'hi', type: 'say', text: 'Hello', ports: { next: 'bye' } },
    { id: 'bye', type: 'end' },
  ],
});

// A flow that never went through the loader, with a condition the CEL compiler rejects:
// the engine throws while building the run, as a bug would.
const broken: FlowFile = {
  ...good,
  start: 'pick',
  modules: [
    { id: 'pick', type: 'condition', cases: [{ port: 'yes', when: 'message ==' }], ports: { yes: 'bye', else: 'bye' } },
    { id: 'bye', type: 'end', ports: {} },
  ],
};

describe('runScenarioOnClock, the one entry point for scenario runs', () => {
  it('turns a scenario that crashes the engine into an error result, and the next scenario still runs', async () => {
    const crashed = await runScenarioOnClock(scenario({ flow: broken, seed: 7 }));
    expect(crashed).toMatchObject({ status: 'error', endState: 'error', clock: 'virtual', seed: 7, checks: [], trace: [] });
    expect(crashed.endReason).toMatch(/^crash: /);

    const next = await runScenarioOnClock(scenario({ flow: good, expect: [{ ends: 'end' }, { says: 'Hello' }] }));
    expect(next.status).toBe('passed');
    expect(next.trace.at(-1)).toMatchObject({ type: 'end', state: 'end', t: 0 });
  });

  it('refuses fixed endpoint latencies on the real clock before running anything', async () => {
    await expect(runScenarioOnClock(scenario({ flow: good }), { clock: 'real', endpointLatency: { e: 100 } })).rejects.toThrow(
      'fixed endpoint latencies are for the virtual clock',
    );
  });
});
