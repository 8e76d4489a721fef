import { describe, expect, it } from 'vitest';
import type { TraceEventOf } from '../../../main/api/formats/trace';
import { dtmfKeys, hangupAt, silenceWindows } from '../../../main/api/trace/voice-turns';
import { deadAirCauses } from '../../../main/api/trace/dead-air-causes';
import { deadAirIntervals } from '../../../main/api/trace/dead-air';
import { exampleTrace } from './example-traces';

/* order-keypad: 400 ms a word; notice 0–3600, menu 3600–7200, the bot waits from w = 7200; noInputMs 5000. */
describe('silenceWindows (SPEC §7.1 rule 10)', () => {
  it('three silences: 7200–12200, 17000–22000, 26800–31800, counted 1, 2, 3', async () => {
    // reprompt (12 words, 4800 ms) speaks 12200–17000 and 22000–26800: each wait starts when it ends.
    const trace = await exampleTrace('order-keypad.scenario.yaml', 'no input — three silences');
    expect(silenceWindows(trace).map((w) => [w.start, w.end, w.module, w.to, w.count])).toEqual([
      [7200, 12200, 'read', 'silent', 1],
      [17000, 22000, 'read', 'silent', 2],
      [26800, 31800, 'read', 'silent', 3],
    ]);
  });

  it('none when the caller keys in the number', async () => {
    expect(silenceWindows(await exampleTrace('order-keypad.scenario.yaml', 'keypad'))).toEqual([]);
  });
});

describe('dtmfKeys (rule 12) and hangupAt (rule 13)', () => {
  it('"12345#" keyed from 7700: six keys of 100 ms each, the last one 8200–8300', async () => {
    const trace = await exampleTrace('order-keypad.scenario.yaml', 'keypad');
    const user = trace.find((e): e is TraceEventOf<'user'> => e.type === 'user');
    expect(user?.via).toBe('dtmf');
    const keys = user ? dtmfKeys(user) : [];
    expect(keys.map((k) => `${k.key}@${k.start}-${k.end}`)).toEqual(['1@7700-7800', '2@7800-7900', '3@7900-8000', '4@8000-8100', '5@8100-8200', '#@8200-8300']);
  });

  it('speech has no keys', () => {
    expect(dtmfKeys({ type: 'user', t: 800, text: 'hi', start: 0, end: 800 })).toEqual([]);
  });

  it('the hang-up during the reprompt is at 15000; a run that ended otherwise has none', async () => {
    const trace = await exampleTrace('order-keypad.scenario.yaml', 'hang-up — the caller hangs up during');
    expect(hangupAt(trace)?.t).toBe(15000);
    expect(trace[hangupAt(trace)?.eventIndex ?? 0]?.type).toBe('end');
    expect(hangupAt(await exampleTrace('order-keypad.scenario.yaml', 'keypad'))).toBeNull();
  });
});

describe('deadAirCauses: what the bot was busy with', () => {
  it('the slow lookup: dead air 9500–12500 while check awaits r1 (sent 8300)', async () => {
    // hold speaks 8300–9500; pause 8300–9300; check awaits from 9300 (until the hang-up at 12500).
    const trace = await exampleTrace('order-keypad.scenario.yaml', 'hang-up — the caller gives up');
    const gap = deadAirIntervals(trace).find((g) => g.start === 9500);
    expect(gap).toEqual({ start: 9500, end: 12500 });
    const causes = deadAirCauses(trace, gap ?? { start: 0, end: 0 });
    expect(causes.durationMs).toBe(3000);
    expect(causes.modules.map((m) => [m.module, m.start, m.end])).toEqual([['check', 9300, 12500]]);
    expect(causes.requests.map((r) => [r.id, r.sentAt, r.endAt, r.outcome])).toEqual([['r1', 8300, 12500, 'abandoned']]);
  });
});
