import { describe, expect, it } from 'vitest';
import { pendingRequestsAt } from '../../../main/api/trace/pending-requests';
import { FileLoader } from '../../../main/formats/file-loader';
import { runScenario } from '../../../main/scenario/run-scenario';
import { examplesDir } from '../../support/paths';

const loader = new FileLoader(examplesDir);
const files = ['scenarios/order-status.scenario.yaml', 'scenarios/order-status-blocking.scenario.yaml', 'scenarios/refund-chat.scenario.yaml', 'scenarios/status-polling.scenario.yaml'];

describe('the examples (figures worked out by hand from SPEC §3)', async () => {
  const scenarios = (await Promise.all(files.map((f) => loader.loadScenarios(f)))).flat();

  it.each(scenarios.map((s) => [s.name, s] as const))('%s passes', (_name, scenario) => {
    const result = runScenario(scenario);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.status).toBe('passed');
  });

  it('slow API: order_status is pending at 6000 ms and no longer at 9000 ms', () => {
    const slow = scenarios.find((s) => s.name.startsWith('slow API'));
    expect(slow).toBeDefined();
    const trace = runScenario(slow!).trace;
    expect(pendingRequestsAt(trace, 6000)).toEqual([
      { id: 'r1', endpoint: 'order_status', module: 'lookup', sentAt: 3200, deadline: 8200, age: 2800, timeLeft: 2200, arrived: false },
    ]);
    expect(pendingRequestsAt(trace, 9000)).toEqual([]);
  });
});
