import { describe, expect, it } from 'vitest';
import { portCoverage } from '../../../main/analysis/coverage';
import { sweepLatency } from '../../../main/analysis/sweep';
import { FileLoader } from '../../../main/formats/file-loader';
import { runScenario } from '../../../main/scenario/run-scenario';
import { examplesDir } from '../../support/paths';

const loader = new FileLoader(examplesDir);
const keypad = () => loader.loadScenarios('scenarios/order-keypad.scenario.yaml');

describe('coverage counts interruption handlers and end states (SPEC §7.1)', () => {
  it('the keypad scenarios: no_input taken 5 times, no_link once; 4 ends, 2 handovers, 2 hang-ups', async () => {
    // no-inputs per scenario (see the scenario file): keypad 0, one silence 1, three silences 3, barge-ins 0 and 0,
    // slow-lookup hang-up 0, hang-up during the reprompt 1, no_link 0 → 5. no_link: the 423 scenario only.
    // Ends: keypad, one silence, both barge-ins → end; three silences, no_link → handover; both hang-ups → hangup.
    const runs = (await keypad()).map((s) => ({ scenario: s, result: runScenario(s) }));
    const [coverage] = portCoverage(runs);
    expect(coverage?.ports.filter((p) => p.module === 'interruptions')).toEqual([
      { module: 'interruptions', type: 'interruption', port: 'no_input', taken: 5, handler: true },
      { module: 'interruptions', type: 'interruption', port: 'no_link', taken: 1, handler: true },
    ]);
    expect(coverage?.endStates).toEqual([
      { state: 'end', count: 4 },
      { state: 'handover', count: 2 },
      { state: 'awaiting_user', count: 0 },
      { state: 'error', count: 0 },
      { state: 'hangup', count: 2 },
    ]);
    // The ports no keypad scenario takes (handlers first): the lookup's module timeout and failure; then a message
    // without digits (every message here has one), unknown orders.
    expect(coverage?.ports.filter((p) => p.taken === 0).map((p) => `${p.module}.${p.port}`)).toEqual(['check.waiting', 'check.failure', 'read.nomatch', 'check.not_found', 'unknown.next']);
  });
});

describe('the boundary explorer with a hang-up', () => {
  /*
   * "hang-up — the caller gives up on a slow lookup" with the lookup's latency L: keys arrive at 8300 and send it
   * (answer at 8300 + L); hold speaks 8300–9500, so dead air starts at 9500 and reaches 3000 ms at 12500. The await
   * (from 9300) routes the answer when it comes before that: 8300 + L < 12500 ⇔ L ≤ 4199 → success, tell, end.
   * At L = 4200 the answer and the hang-up fall on the same ms: the hang-up wins. Above, the caller hangs up first.
   */
  it('finds the band where the caller hangs up, the tie going to the hang-up', async () => {
    const scenario = (await keypad()).find((s) => s.name.startsWith('hang-up — the caller gives up'));
    const result = sweepLatency(scenario!, { endpoint: 'order_lookup', from: 0, to: 8000, step: 500 });
    expect(result.bands.map((b) => [b.from, b.to, b.endState, b.summary])).toEqual([
      [0, 4199, 'end', 'check.success → end'],
      [4200, 8000, 'hangup', 'hangup (caller hung up after 3000 ms of dead air (from 9500 ms))'],
    ]);
  });
});
