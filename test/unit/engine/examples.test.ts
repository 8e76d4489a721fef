import { describe, expect, it } from 'vitest';
import { pendingRequestsAt } from '../../../main/api/trace/pending-requests';
import { FileLoader } from '../../../main/formats/file-loader';
import { runScenario } from '../../../main/scenario/run-scenario';
import { examplesDir } from '../../support/paths';

const loader = new FileLoader(examplesDir);
const files = [
  'scenarios/order-status.scenario.yaml',
  'scenarios/order-status-blocking.scenario.yaml',
  'scenarios/refund-chat.scenario.yaml',
  'scenarios/order-keypad.scenario.yaml',
  'scenarios/status-polling.scenario.yaml',
];

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

  const keypad = (prefix: string) => {
    const found = scenarios.find((s) => s.name.startsWith(prefix));
    if (!found) throw new Error(`no example scenario '${prefix}'`);
    return runScenario(found).trace;
  };

  it('keypad, barge-in over the menu: the menu is cut at 5200; the message arrives at 6400', () => {
    // notice 0–3600 (cannot be interrupted), menu 3600–7200; the caller starts at 7200 − 2000 = 5200.
    const trace = keypad('barge-in — the caller talks over the menu');
    expect(trace.filter((e) => e.type === 'say').slice(0, 2).map((e) => e.type === 'say' && [e.module, e.start, e.end, e.cutAt])).toEqual([
      ['notice', 0, 3600, undefined],
      ['menu', 3600, 7200, 5200],
    ]);
    expect(trace.find((e) => e.type === 'user')).toMatchObject({ t: 6400, start: 5200, end: 6400 });
  });

  it('keypad, talking over the legal notice: the words at 2200–3000 are not heard', () => {
    // "agent please" (2 words) from 7200 − 5000 = 2200 to 3000, over notice (bargeIn false).
    const trace = keypad('barge-in — talking over the legal notice');
    expect(trace.filter((e) => e.type === 'user')).toEqual([
      { type: 'user', t: 2200, text: 'agent please', start: 2200, end: 3000, ignored: true },
      { type: 'user', t: 8300, text: '12345#', start: 7700, end: 8300, via: 'dtmf' },
    ]);
  });

  it('keypad, hang-up on a slow lookup: the request in flight is abandoned at 12500', () => {
    const trace = keypad('hang-up — the caller gives up on a slow lookup');
    expect(trace.filter((e) => e.type === 'request_abandoned')).toEqual([{ type: 'request_abandoned', t: 12500, id: 'r1', endpoint: 'order_lookup' }]);
    expect(pendingRequestsAt(trace, 12000)).toMatchObject([{ id: 'r1', sentAt: 8300, deadline: 14300 }]);
  });

  it('keypad, hang-up during the reprompt: the reprompt (12200–17000) is cut at 15000', () => {
    const trace = keypad('hang-up — the caller hangs up during the reprompt');
    expect(trace.find((e) => e.type === 'say' && e.module === 'reprompt')).toMatchObject({ start: 12200, end: 17000, cutAt: 15000 });
    expect(trace.at(-1)).toMatchObject({ type: 'end', t: 15000, state: 'hangup' });
  });
});
