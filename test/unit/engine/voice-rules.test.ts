import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../main/api/formats/trace';
import { callLength } from '../../../main/api/trace/call-length';
import { deadAirIntervals } from '../../../main/api/trace/dead-air';
import { requestSpans } from '../../../main/api/trace/request-spans';
import { endpoint, eventsOf, flow, mocks, ports, route, run } from '../../support/scenario-builder';

/*
 * One test (or more) per voice rule of SPEC §7.1 (rules 10–14), figures worked out by hand
 * in the comments. Speech: round(words × 60000 / 150) = 400 ms per word at the default
 * 150 wpm. A scripted voice message starts 300 ms after the bot is ready unless afterMs says
 * otherwise; DTMF takes 100 ms per key.
 */

const endOk = [{ id: 'ok', type: 'end' }, { id: 'agent', type: 'handover' }] as const;

/** Contexts named sys_* as `name=value@t`, in order. */
const sysContexts = (trace: readonly TraceEvent[]): string[] =>
  eventsOf(trace, 'context')
    .filter((c) => c.name.startsWith('sys_'))
    .map((c) => `${c.name}=${JSON.stringify(c.value)}@${c.t}`);

describe('rule 10: no input', () => {
  // ask: 5 words = 2000 ms (0–2000), red arrow at t = 0, so the bot waits from w = 2000.
  // reprompt: after the 3rd consecutive no-input → agent; else again (5 words, 2000 ms) → read.
  const noInputFlow = (noInputMs: number, handler = true) =>
    flow({
      channel: 'voice',
      noInputMs,
      ...(handler ? { interruptions: { no_input: 'reprompt' } } : {}),
      start: 'ask',
      modules: [
        { id: 'ask', type: 'say', text: 'What is your order number', ports: { next: { to: 'read', arrow: 'red' } } },
        { id: 'read', type: 'capture', save: 'order_id', pattern: '(\\d+)', ports: { next: 'ok', nomatch: 'agent' } },
        { id: 'reprompt', type: 'condition', cases: [{ port: 'give_up', when: 'sys_no_input_count >= 3' }], ports: { give_up: 'agent', else: 'again' } },
        { id: 'again', type: 'say', text: 'Sorry, please say it again', ports: { next: { to: 'read', arrow: 'red' } } },
        ...endOk,
      ],
    });

  it('a silence: at w + noInputMs the bot runs its no_input handler; the count goes back to 0 when a message arrives', () => {
    // w = 2000; silence → no-input at 2000 + 5000 = 7000 (count 1): reprompt → again speaks 7000–9000, waits from 9000.
    // "It is 42" (3 words, 1200 ms) starts at 9000 + 500 = 9500, arrives at 10700; sys_no_input_count 1 → 0 then.
    const r = run({ flow: noInputFlow(5000), user: [{ silence: true }, { say: 'It is 42', afterMs: 500 }], expect: [{ interruption: { kind: 'no_input', count: 1 } }, { ends: 'end' }] });
    expect(eventsOf(r.trace, 'interruption')).toEqual([{ type: 'interruption', t: 7000, kind: 'no_input', module: 'read', to: 'reprompt', count: 1 }]);
    expect(sysContexts(r.trace)).toEqual(['sys_no_input_count=1@7000', 'sys_interruption="no_input"@7000', 'sys_no_input_count=0@10700']);
    expect(eventsOf(r.trace, 'say').map((s) => [s.module, s.start, s.end])).toEqual([['ask', 0, 2000], ['again', 7000, 9000]]);
    expect(eventsOf(r.trace, 'user')).toEqual([{ type: 'user', t: 10700, text: 'It is 42', start: 9500, end: 10700 }]);
    expect(r.contexts['order_id']).toBe('42');
    // The module the red arrow led to never ran at 7000: the handler did.
    expect(eventsOf(r.trace, 'enter').map((e) => `${e.module}@${e.t}`)).toEqual(['ask@0', 'reprompt@7000', 'again@7000', 'read@10700', 'ok@10700']);
    expect(r.status).toBe('passed');
  });

  it('tie: a say that would start exactly at w + noInputMs loses to the no-input and stays for the next wait', () => {
    // afterMs 5000: start 2000 + 5000 = 7000 = w + noInputMs → no-input #1 at 7000; again 7000–9000.
    // Next wait w = 9000: the same step would start at 14000 = 9000 + 5000 → no-input #2 at 14000; again 14000–16000.
    // w = 16000: no-input #3 at 21000 → sys_no_input_count 3 >= 3 → agent (handover) at 21000.
    const r = run({ flow: noInputFlow(5000), user: [{ say: 'It is 42', afterMs: 5000 }], expect: [{ interruption: { kind: 'no_input', count: 3 } }, { ends: 'handover' }] });
    expect(eventsOf(r.trace, 'interruption').map((i) => [i.t, i.count])).toEqual([[7000, 1], [14000, 2], [21000, 3]]);
    expect(eventsOf(r.trace, 'user')).toEqual([]);
    expect(r.endState).toBe('handover');
    expect(r.virtualMs).toBe(21000);
    expect(r.status).toBe('passed');
  });

  it('one ms earlier the message wins: it starts at w + noInputMs − 1', () => {
    // afterMs 4999: start 6999 < 7000; "It is 42" ends 6999 + 1200 = 8199.
    const r = run({ flow: noInputFlow(5000), user: [{ say: 'It is 42', afterMs: 4999 }] });
    expect(eventsOf(r.trace, 'interruption')).toEqual([]);
    expect(eventsOf(r.trace, 'user')[0]).toMatchObject({ t: 8199, start: 6999, end: 8199 });
    expect(sysContexts(r.trace)).toEqual([]); // never set, so nothing to reset
  });

  it('without a handler (or with noInputMs 0) a silence is consumed and the bot keeps waiting for the next step', () => {
    // w = 2000; the silence is consumed at once; "yes 7" (2 words, 800 ms) starts 2000 + 300 = 2300, arrives 3100.
    for (const f of [noInputFlow(5000, false), noInputFlow(0)]) {
      const r = run({ flow: f, user: [{ silence: true }, { say: 'yes 7' }] });
      expect(eventsOf(r.trace, 'interruption')).toEqual([]);
      expect(eventsOf(r.trace, 'user')[0]).toMatchObject({ t: 3100, start: 2300, end: 3100 });
      expect(r.endState).toBe('end');
    }
  });

  it('dead air does not count the wait; the wait ends at the no-input', () => {
    // Busy: ask 0–2000, wait 0–7000 (red arrow at 0 until the no-input), again 7000–9000, and the wait from its red
    // arrow at 7000 (no steps left: the run ends awaiting_user at 7000; the call lasts until 9000). No dead air at all.
    const r = run({ flow: noInputFlow(5000), user: [{ silence: true }] });
    expect(r.endState).toBe('awaiting_user');
    expect(r.virtualMs).toBe(7000);
    expect(callLength(r.trace)).toBe(9000);
    expect(deadAirIntervals(r.trace)).toEqual([]);
  });
});

describe('rule 11: barge-in', () => {
  // notice (7 words, 2800 ms, bargeIn false) 0–2800; menu (6 words, 2400 ms) 2800–5200; hint (5 words, 2000 ms) 5200–7200.
  // All queued at t = 0, then the red arrow at 0: turn end 0, audio end 7200.
  const menuFlow = flow({
    channel: 'voice',
    start: 'notice',
    modules: [
      { id: 'notice', type: 'say', bargeIn: false, text: 'This call may be recorded for quality', ports: { next: 'menu' } },
      { id: 'menu', type: 'say', text: 'Say your order number now please', ports: { next: 'hint' } },
      { id: 'hint', type: 'say', text: 'Or press star for help', ports: { next: { to: 'read', arrow: 'red' } } },
      { id: 'read', type: 'capture', save: 'order_id', pattern: '(\\d+)', ports: { next: 'ok', nomatch: 'agent' } },
      ...endOk,
    ],
  });

  it('talking over interruptible speech cuts it, drops what was queued after it, and is heard', () => {
    // afterMs -3000: start max(0, 7200 − 3000) = 4200, inside menu (2800–5200): menu cutAt 4200, hint dropped (5200, zero length).
    // "order 77" (2 words, 800 ms) 4200–5000, arrives at 5000.
    const r = run({ flow: menuFlow, user: [{ say: 'order 77', afterMs: -3000 }], expect: [{ maxCallMs: 5000 }] });
    expect(eventsOf(r.trace, 'say').map(({ module, start, end, cutAt, dropped, bargeIn }) => ({ module, start, end, cutAt, dropped, bargeIn }))).toEqual([
      { module: 'notice', start: 0, end: 2800, cutAt: undefined, dropped: undefined, bargeIn: false },
      { module: 'menu', start: 2800, end: 5200, cutAt: 4200, dropped: undefined, bargeIn: undefined },
      { module: 'hint', start: 5200, end: 5200, cutAt: undefined, dropped: true, bargeIn: undefined },
    ]);
    expect(eventsOf(r.trace, 'user')).toEqual([{ type: 'user', t: 5000, text: 'order 77', start: 4200, end: 5000 }]);
    expect(r.contexts['order_id']).toBe('77');
    // The call: end at 5000, last sound (the user) ends 5000; menu sounds until 4200 only.
    expect(callLength(r.trace)).toBe(5000);
    expect(deadAirIntervals(r.trace)).toEqual([]);
    expect(r.status).toBe('passed');
  });

  it('talking over speech that cannot be interrupted is not heard; the bot goes on waiting for the next step', () => {
    // afterMs -5000: start 7200 − 5000 = 2200, inside notice (bargeIn false): user {ignored} 2200–2600 ("stop" 1 word).
    // Next step "order 77", afterMs 300: the bot is ready at w = 7200 → 7500–8300.
    const r = run({ flow: menuFlow, user: [{ say: 'stop', afterMs: -5000 }, { say: 'order 77' }] });
    expect(eventsOf(r.trace, 'user')).toEqual([
      { type: 'user', t: 2200, text: 'stop', start: 2200, end: 2600, ignored: true },
      { type: 'user', t: 8300, text: 'order 77', start: 7500, end: 8300 },
    ]);
    expect(eventsOf(r.trace, 'say').some((s) => s.cutAt !== undefined || s.dropped)).toBe(false);
    expect(r.contexts['order_id']).toBe('77');
  });

  it('a second try after an ignored one cuts the next, interruptible speech', () => {
    // "stop" at 2200 is ignored (notice). "order 77", afterMs -3000: max(now 2200, turn end 0, 7200 − 3000) = 4200 → cuts menu.
    const r = run({ flow: menuFlow, user: [{ say: 'stop', afterMs: -5000 }, { say: 'order 77', afterMs: -3000 }] });
    expect(eventsOf(r.trace, 'user').map((u) => [u.t, u.start, u.end, u.ignored ?? false])).toEqual([[2200, 2200, 2600, true], [5000, 4200, 5000, false]]);
    expect(eventsOf(r.trace, 'say').find((s) => s.module === 'menu')?.cutAt).toBe(4200);
  });

  it('tie: words starting exactly at the audio end are not a barge-in', () => {
    // say "one two" 0–800, wait 800 ms, red arrow at 800: turn end 800 = audio end 800.
    // afterMs -500: start max(800, 800 − 500) = 800, not before the audio end → a plain message 800–1200 ("yes 9": 2 words = 800 → 1600).
    const r = run({
      flow: flow({
        channel: 'voice',
        start: 'hello',
        modules: [
          { id: 'hello', type: 'say', text: 'one two', ports: { next: 'pause' } },
          { id: 'pause', type: 'wait', ms: 800, ports: { next: { to: 'read', arrow: 'red' } } },
          { id: 'read', type: 'capture', save: 'x', pattern: '(\\d+)', ports: { next: 'ok', nomatch: 'agent' } },
          ...endOk,
        ],
      }),
      user: [{ say: 'yes 9', afterMs: -500 }],
    });
    expect(eventsOf(r.trace, 'say')).toEqual([{ type: 'say', t: 0, module: 'hello', text: 'one two', start: 0, end: 800 }]);
    expect(eventsOf(r.trace, 'user')).toEqual([{ type: 'user', t: 1600, text: 'yes 9', start: 800, end: 1600 }]);
  });
});

describe('rule 12: DTMF', () => {
  const keypad = flow({
    channel: 'voice',
    noInputMs: 4000,
    interruptions: { no_input: 'ask' },
    start: 'ask',
    modules: [
      { id: 'ask', type: 'say', text: 'Key in your order number', ports: { next: { to: 'read', arrow: 'red' } } },
      { id: 'read', type: 'capture', save: 'order_id', pattern: '^(\\d+)#$', ports: { next: 'ok', nomatch: 'agent' } },
      ...endOk,
    ],
  });

  it('keys last 100 ms each and arrive at their end as the message, via dtmf; capture patterns apply', () => {
    // ask: 5 words, 0–2000. "12345#" (6 keys, 600 ms) starts 2000 + 500 = 2500, arrives 3100.
    const r = run({ flow: keypad, user: [{ dtmf: '12345#', afterMs: 500 }], expect: [{ context: { order_id: '12345' } }, { ends: 'end' }] });
    expect(eventsOf(r.trace, 'user')).toEqual([{ type: 'user', t: 3100, text: '12345#', start: 2500, end: 3100, via: 'dtmf' }]);
    expect(r.status).toBe('passed');
  });

  it('keys typed too late lose to the no-input timer, like a late message', () => {
    // w = 2000, noInputMs 4000 → 6000; afterMs 4000 starts at 6000 → no-input; ask again 6000–8000; then 8000 + 4000 = 12000 again…
    // A second step, afterMs 300 in that wait? The late step stays current: it is "12#" at every wait. With afterMs 3999
    // it starts at 2000 + 3999 = 5999 and ends 5999 + 300 = 6299.
    const late = run({ flow: keypad, user: [{ dtmf: '12#', afterMs: 4000 }], maxDurationMs: 13_000 });
    expect(eventsOf(late.trace, 'interruption').map((i) => i.t)).toEqual([6000, 12000]);
    expect(late.endReason).toBe('max_duration');
    const inTime = run({ flow: keypad, user: [{ dtmf: '12#', afterMs: 3999 }] });
    expect(eventsOf(inTime.trace, 'user')[0]).toMatchObject({ start: 5999, end: 6299, via: 'dtmf' });
    expect(inTime.contexts['order_id']).toBe('12');
  });
});

describe('rule 13: hang-up', () => {
  it('afterMs counts from the next time the bot waits: the run ends hangup at that time', () => {
    // ask 4 words 0–1600, waits from w = 1600; hang-up 1600 + 2000 = 3600.
    const r = run({
      flow: flow({ channel: 'voice', start: 'ask', modules: [{ id: 'ask', type: 'say', text: 'What can I do', ports: { next: { to: 'read', arrow: 'red' } } }, { id: 'read', type: 'capture', save: 'x', ports: { next: 'ok', nomatch: 'agent' } }, ...endOk] }),
      user: [{ hangup: { afterMs: 2000 } }],
      expect: [{ ends: 'hangup' }, { maxCallMs: 3600 }],
    });
    expect(r.trace.at(-1)).toEqual({ type: 'end', t: 3600, state: 'hangup', reason: 'caller hung up 2000 ms after the bot started waiting at 1600 ms' });
    expect(r.status).toBe('passed');
  });

  // hold: 10 words (4000 ms, 0–4000); call: a blocking api (timeout 10 s) answered after `latency`; then done → end.
  const busy = (latency: number) => ({
    flow: flow({
      channel: 'voice',
      start: 'hold',
      endpoints: [endpoint('slow', { timeoutMs: 10_000 })],
      modules: [
        { id: 'hold', type: 'say', text: 'one two three four five six seven eight nine ten', ports: { next: 'call' } },
        { id: 'call', type: 'api', endpoint: 'slow', ports: { success: 'done', failure: 'agent' } },
        { id: 'done', type: 'say', text: 'Found it', ports: { next: 'ok' } },
        ...endOk,
      ],
    }),
    mocks: mocks([route('slow', latency)]),
  });

  it('tie: a hang-up at the same ms as a response arrival wins; the response is abandoned, speech is cut', () => {
    // atMs 3000 = arrival 3000: the hang-up runs first. r1 in flight → request_abandoned; hold (0–4000) is cut at 3000.
    const r = run({ ...busy(3000), user: [{ hangup: { atMs: 3000 } }], expect: [{ ends: 'hangup' }, { maxCallMs: 3000 }] });
    expect(eventsOf(r.trace, 'response')).toEqual([]);
    expect(eventsOf(r.trace, 'request_abandoned')).toEqual([{ type: 'request_abandoned', t: 3000, id: 'r1', endpoint: 'slow' }]);
    expect(eventsOf(r.trace, 'say')[0]).toMatchObject({ start: 0, end: 4000, cutAt: 3000 });
    expect(r.trace.at(-1)).toMatchObject({ type: 'end', t: 3000, state: 'hangup' });
    expect(eventsOf(r.trace, 'enter').map((e) => e.module)).toEqual(['hold', 'call']);
    expect(requestSpans(r.trace)[0]).toMatchObject({ outcome: 'abandoned', endAt: 3000 });
    expect(callLength(r.trace)).toBe(3000);
    expect(r.status).toBe('passed');
    // One ms later, the answer comes first: done speaks at 3000 (queued after hold: 4000–4800), the run ends at 3000.
    const later = run({ ...busy(3000), user: [{ hangup: { atMs: 3001 } }] });
    expect(later.endState).toBe('end');
    expect(callLength(later.trace)).toBe(4800);
  });

  it('deadAirMs: when one stretch of dead air reaches the limit', () => {
    // hold speaks 0–4000, then nobody speaks and the bot does not wait: dead air from 4000. The answer comes at 9000.
    // deadAirMs 4000 → 4000 + 4000 = 8000 < 9000: hang-up at 8000, r1 abandoned.
    const r = run({ ...busy(9000), user: [{ hangup: { deadAirMs: 4000 } }] });
    expect(r.trace.at(-1)).toMatchObject({ t: 8000, state: 'hangup' });
    expect(eventsOf(r.trace, 'request_abandoned').map((e) => e.id)).toEqual(['r1']);
    expect(deadAirIntervals(r.trace)).toEqual([{ start: 4000, end: 8000 }]);
    // deadAirMs 5001 → 9001 > 9000: the answer wins, done speaks 9000–9800 and the run ends at 9000 (call 9800).
    const patient = run({ ...busy(9000), user: [{ hangup: { deadAirMs: 5001 } }], expect: [{ ends: 'end' }, { maxCallMs: 9800 }, { maxDeadAirMs: 5000 }] });
    expect(patient.status).toBe('passed');
  });

  it('a hang-up step becomes current once the steps before it are consumed; atMs is armed from then on', () => {
    // ask 4 words 0–1600. At the first wait (t = 0) "12" is taken: it starts 1600 + 300 = 1900 and would end at 2300.
    // The hang-up (atMs 2000) is current from then on: at 2000 the caller hangs up in the middle of their words.
    const r = run({
      flow: flow({ channel: 'voice', start: 'ask', modules: [{ id: 'ask', type: 'say', text: 'What can I do', ports: { next: { to: 'read', arrow: 'red' } } }, { id: 'read', type: 'capture', save: 'x', ports: { next: 'ok', nomatch: 'agent' } }, ...endOk] }),
      user: [{ say: '12' }, { hangup: { atMs: 2000 } }],
    });
    expect(eventsOf(r.trace, 'user')).toEqual([]);
    expect(r.trace.at(-1)).toMatchObject({ t: 2000, state: 'hangup', reason: 'caller hung up at 2000 ms' });
  });

  it('the hang-up wins a tie with the no-input timer', () => {
    // w = 2000 (ask 5 words); noInputMs 3000 → 5000; hang-up afterMs 3000 → 5000 too: hang-up, no interruption.
    const r = run({
      flow: flow({
        channel: 'voice',
        noInputMs: 3000,
        interruptions: { no_input: 'ask' },
        start: 'ask',
        modules: [{ id: 'ask', type: 'say', text: 'What is your order number', ports: { next: { to: 'read', arrow: 'red' } } }, { id: 'read', type: 'capture', save: 'x', ports: { next: 'ok', nomatch: 'agent' } }, ...endOk],
      }),
      user: [{ hangup: { afterMs: 3000 } }],
    });
    expect(eventsOf(r.trace, 'interruption')).toEqual([]);
    expect(r.trace.at(-1)).toMatchObject({ t: 5000, state: 'hangup' });
  });
});

describe('rule 14: loop and no_link interruptions', () => {
  it('a port with no arrow sends the bot to the no_link handler', () => {
    // pick: no case matches → else, which has no arrow → interruption no_link at pick → sorry → agent.
    const r = run({
      flow: flow({
        interruptions: { no_link: 'sorry' },
        start: 'pick',
        modules: [
          { id: 'pick', type: 'condition', cases: [{ port: 'vip', when: 'false' }], ports: { vip: 'ok' } },
          { id: 'sorry', type: 'say', text: 'Something went wrong', ports: { next: 'agent' } },
          ...endOk,
        ],
      }),
      expect: [{ interruption: { kind: 'no_link' } }, { ends: 'handover' }],
    });
    expect(ports(r.trace)).toEqual(['pick:else@0', 'sorry:next@0']);
    expect(eventsOf(r.trace, 'interruption')).toEqual([{ type: 'interruption', t: 0, kind: 'no_link', module: 'pick', to: 'sorry', port: 'else' }]);
    expect(sysContexts(r.trace)).toEqual(['sys_interruption="no_link"@0']);
    expect(r.path).toEqual(['pick.else', 'no_link@pick', 'sorry.next', 'agent']);
    expect(r.status).toBe('passed');
  });

  const spin = (handlerLoopsBack: boolean) =>
    flow({
      interruptions: { loop: 'sorry' },
      start: 'spin',
      modules: [
        { id: 'spin', type: 'context', set: { x: '1' }, ports: { next: 'spin' } },
        { id: 'sorry', type: 'context', set: { y: '2' }, ports: { next: handlerLoopsBack ? 'spin' : 'agent' } },
        ...endOk,
      ],
    });

  it('the loop guard sends the bot to the loop handler; the entry that would pass the limit is not recorded', () => {
    // spin is entered 1000 times at t = 0; the 1001st entry trips the guard: interruption {loop, module: spin}, then sorry → agent.
    const r = run({ flow: spin(false), expect: [{ interruption: { kind: 'loop', count: 1 } }, { ends: 'handover' }] });
    const enters = eventsOf(r.trace, 'enter').map((e) => e.module);
    expect(enters.filter((m) => m === 'spin')).toHaveLength(1000);
    expect(enters.slice(-2)).toEqual(['sorry', 'agent']);
    expect(eventsOf(r.trace, 'interruption')).toEqual([{ type: 'interruption', t: 0, kind: 'loop', module: 'spin', to: 'sorry' }]);
    expect(r.status).toBe('passed');
  });

  it('a loop interruption that loops again without time advancing ends error: loop', () => {
    // 1000 spin entries, the guard trips (interruption #1), the count starts again: sorry is entry 1, spin entries 2…1000
    // (999 more); the next spin entry is the 1001st at t = 0 again → error (loop). 1000 + 1 + 999 = 2000 entries.
    const r = run({ flow: spin(true), expect: [{ ends: 'error' }] });
    expect(r.endState).toBe('error');
    expect(r.endReason).toBe('loop');
    expect(eventsOf(r.trace, 'interruption')).toHaveLength(1);
    expect(eventsOf(r.trace, 'enter')).toHaveLength(2000);
  });

  it('a no_link handler that leads back to the same missing arrow at the same time trips the loop guard', () => {
    // pick.else → no_link → fix → pick.else again at t = 0: no progress is possible → loop (no loop handler) → error.
    const r = run({
      flow: flow({
        interruptions: { no_link: 'fix' },
        start: 'pick',
        modules: [
          { id: 'pick', type: 'condition', cases: [{ port: 'vip', when: 'false' }], ports: { vip: 'ok' } },
          { id: 'fix', type: 'context', set: { tried: 'true' }, ports: { next: 'pick' } },
          ...endOk,
        ],
      }),
    });
    expect(r.endReason).toBe('loop');
    expect(eventsOf(r.trace, 'interruption')).toHaveLength(1);
  });

  it('without a handler a missing arrow and the loop guard still end in error', () => {
    const r = run({ flow: flow({ start: 'pick', modules: [{ id: 'pick', type: 'condition', cases: [{ port: 'vip', when: 'false' }], ports: { vip: 'ok' } }, ...endOk] }) });
    expect(r.endReason).toBe('no_link:pick.else');
    expect(eventsOf(r.trace, 'interruption')).toEqual([]);
  });

  it('every interruption sets sys_interruption before its handler runs', () => {
    const r = run({ flow: spin(false) });
    const i = r.trace.findIndex((e) => e.type === 'interruption');
    expect(r.trace.slice(i + 1, i + 3)).toEqual([
      { type: 'context', t: 0, name: 'sys_interruption', value: 'loop', source: 'system' },
      { type: 'enter', t: 0, module: 'sorry' },
    ]);
  });
});

describe('expectations of §7.1', () => {
  it('interruption count, ends hangup and maxCallMs fail with what happened', () => {
    const r = run({
      flow: flow({ channel: 'voice', start: 'ask', modules: [{ id: 'ask', type: 'say', text: 'What can I do', ports: { next: { to: 'read', arrow: 'red' } } }, { id: 'read', type: 'capture', save: 'x', ports: { next: 'ok', nomatch: 'agent' } }, ...endOk] }),
      user: [{ hangup: { afterMs: 2000 } }],
      expect: [{ ends: 'end' }, { maxCallMs: 3599 }, { interruption: { kind: 'no_input' } }, { interruption: { kind: 'no_input', count: 0 } }],
    });
    expect(r.checks).toEqual([
      { check: 'ends: end', ok: false, message: 'expected to end end, ended hangup (caller hung up 2000 ms after the bot started waiting at 1600 ms)' },
      { check: 'maxCallMs: 3599', ok: false, message: 'the call lasted 3600 ms, limit 3599 ms' },
      { check: 'interruption: no_input', ok: false, message: 'no_input happened 0 time(s)' },
      { check: 'interruption: no_input × 0', ok: true, message: 'no_input happened 0 time(s), expected 0' },
    ]);
  });
});
