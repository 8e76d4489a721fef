import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TraceEvent } from '../../main/api/formats/trace';
import type { LiveSessionStatus } from '../../main/api/routes/sessions';
import { setClient } from '../../renderer/src/api/client';
import { callerControls, keysFrom, MAX_KEYS, pressKey, speechAt } from '../../renderer/src/sessions/caller-controls';
import type { CallerSituation } from '../../renderer/src/sessions/caller-controls';
import { chatEntries } from '../../renderer/src/sessions/chat-log';
import { useSessionsStore } from '../../renderer/src/stores/use-sessions-store';
import { fakeClient } from './fake-client';
import type { FakeClient } from './fake-client';

/*
 * A voice call at 150 wpm (400 ms a word), worked by hand:
 * - notice "Calls are recorded here always" (5 words) 0–2000, bargeIn false;
 * - menu "Key your order number now please" (6 words) 2000–4400, then the bot waits (red arrow at t 0);
 * - the caller keys 12345# at 4700: 6 keys × 100 ms → heard at 5300; the lookup is sent at 5300;
 * - hold "One moment while I check" (5 words) 5300–7300;
 * - the caller hangs up at 6000: hold is cut at 6000, the lookup abandoned, the run ends hangup.
 * The call's length: max(end 6000, notice 2000, menu 4400, keys 5300, hold cut 6000) = 6000.
 */
const greeting: TraceEvent[] = [
  { type: 'start', t: 0, flow: 'Keypad', channel: 'voice', seed: 1 },
  { type: 'enter', t: 0, module: 'notice' },
  { type: 'say', t: 0, module: 'notice', text: 'Calls are recorded here always', start: 0, end: 2000, bargeIn: false },
  { type: 'port', t: 0, module: 'notice', port: 'next', reason: 'next', to: 'menu', arrow: 'green' },
  { type: 'enter', t: 0, module: 'menu' },
  { type: 'say', t: 0, module: 'menu', text: 'Key your order number now please', start: 2000, end: 4400 },
  { type: 'port', t: 0, module: 'menu', port: 'next', reason: 'next', to: 'read', arrow: 'red' },
];
const hungUp: TraceEvent[] = [
  ...greeting,
  { type: 'user', t: 5300, text: '12345#', start: 4700, end: 5300, via: 'dtmf' },
  { type: 'enter', t: 5300, module: 'read' },
  { type: 'port', t: 5300, module: 'read', port: 'next', reason: 'matched', to: 'lookup', arrow: 'green' },
  { type: 'enter', t: 5300, module: 'lookup' },
  { type: 'request', t: 5300, id: 'r1', endpoint: 'order_lookup', module: 'lookup', mode: 'async', method: 'GET', url: '/orders/12345', deadline: 11_300 },
  { type: 'port', t: 5300, module: 'lookup', port: 'next', reason: 'sent', to: 'hold', arrow: 'green' },
  { type: 'enter', t: 5300, module: 'hold' },
  { type: 'say', t: 5300, module: 'hold', text: 'One moment while I check', start: 5300, end: 7300, cutAt: 6000 },
  { type: 'request_abandoned', t: 6000, id: 'r1', endpoint: 'order_lookup' },
  { type: 'end', t: 6000, state: 'hangup', reason: 'caller hung up' },
];

const situation = (patch: Partial<CallerSituation> = {}): CallerSituation => ({
  channel: 'voice',
  running: true,
  waitingForUser: true,
  busy: false,
  now: 1000,
  audioEnd: 4400,
  trace: greeting,
  ...patch,
});

describe('caller controls of a live session', () => {
  it('shows the voice controls only in voice; leaving is there in every channel', () => {
    const voice = callerControls(situation());
    expect([voice.silence.shown, voice.keypad.shown, voice.bargeIn.shown, voice.hangup.shown]).toEqual([true, true, true, true]);
    const chat = callerControls(situation({ channel: 'chat', audioEnd: 0 }));
    expect([chat.silence.shown, chat.keypad.shown, chat.bargeIn.shown, chat.hangup.shown]).toEqual([false, false, false, true]);
    expect([chat.silence.enabled, chat.keypad.enabled, chat.bargeIn.enabled]).toEqual([false, false, false]);
  });

  it('lets the caller talk over the bot only while it still speaks, and says when the words will not be heard', () => {
    // At 1000 the notice (bargeIn false) plays: allowed, but the hint warns.
    const overNotice = callerControls(situation({ now: 1000 }));
    expect(overNotice.bargeIn.enabled).toBe(true);
    expect(overNotice.bargeIn.hint).toMatch(/cannot be interrupted/);
    // At 3000 the menu plays: it will be cut.
    expect(callerControls(situation({ now: 3000 })).bargeIn.hint).toMatch(/it is cut/);
    // At 4400 the audio has ended (the end is exclusive): just send.
    const after = callerControls(situation({ now: 4400 }));
    expect(after.bargeIn.enabled).toBe(false);
    expect(after.silence.enabled && after.keypad.enabled).toBe(true);
  });

  it('allows nothing but hanging up while the bot works or an action is on its way', () => {
    for (const s of [situation({ waitingForUser: false }), situation({ busy: true })]) {
      const c = callerControls(s);
      expect([c.silence.enabled, c.keypad.enabled, c.bargeIn.enabled, c.hangup.enabled]).toEqual([false, false, false, true]);
    }
  });

  it('disables every control once the session has ended', () => {
    const c = callerControls(situation({ running: false, waitingForUser: false, now: 6000, trace: hungUp }));
    expect([c.silence.enabled, c.keypad.enabled, c.bargeIn.enabled, c.hangup.enabled]).toEqual([false, false, false, false]);
    expect(c.hangup.hint).toBe('The conversation has ended');
  });

  it('knows which speech sounds at a time (cut speech only until its cut)', () => {
    expect(speechAt(hungUp, 1999)?.module).toBe('notice');
    expect(speechAt(hungUp, 2000)?.module).toBe('menu');
    expect(speechAt(hungUp, 5999)?.module).toBe('hold');
    expect(speechAt(hungUp, 6000)).toBeNull();
  });

  it('keeps the keypad to DTMF keys, at most 64', () => {
    expect(keysFrom('12 34-5#*a x')).toBe('12345#*A');
    expect(pressKey('1', 'E')).toBe('1');
    expect(pressKey('9'.repeat(MAX_KEYS), '1')).toHaveLength(MAX_KEYS);
  });
});

describe('a finished live session', () => {
  it('shows the cut speech as spoken, the keys, the abandoned request and the hang-up', () => {
    const entries = chatEntries(hungUp, [], 6000, false);
    const hold = entries.find((e) => e.kind === 'bot' && e.module === 'hold');
    expect(hold).toMatchObject({ speech: 'spoken', end: 6000, cutAt: 6000 });
    expect(entries.find((e) => e.kind === 'bot' && e.module === 'notice')).toMatchObject({ bargeIn: false });
    expect(entries.find((e) => e.kind === 'user')).toMatchObject({ text: '12345#', dtmf: true, ignored: false });
    expect(entries.filter((e) => e.kind === 'answer').map((e) => e.kind === 'answer' && e.text)).toEqual(['abandoned: the caller hung up before the answer']);
    expect(entries.at(-1)).toMatchObject({ kind: 'end', state: 'hangup', at: 6000 });
  });

  it('words interruptions and never-played speech', () => {
    const trace: TraceEvent[] = [
      ...greeting,
      { type: 'interruption', t: 6400, kind: 'no_input', module: 'read', to: 'silent', count: 2 },
      { type: 'say', t: 6400, module: 'reprompt', text: 'Sorry?', start: 6400, end: 6400, dropped: true },
    ];
    const entries = chatEntries(trace, [], 7000, true);
    expect(entries.find((e) => e.kind === 'interruption')).toMatchObject({ text: 'no input (2nd time in a row): the caller said nothing at read → silent' });
    expect(entries.find((e) => e.kind === 'bot' && e.module === 'reprompt')).toMatchObject({ speech: 'dropped' });
  });

  describe('its clock', () => {
    let client: FakeClient;
    const ended = (): LiveSessionStatus => ({
      id: 's1', flowFile: 'flows/keypad.flow.yaml', flowName: 'Keypad', channel: 'voice', running: false, waitingForUser: false,
      endState: 'hangup', endReason: 'caller hung up', now: 6000, audioEnd: 7300, noInputAt: null, trace: hungUp, saved: true,
    });

    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
      setActivePinia(createPinia());
      client = fakeClient({
        'sessions.start': () => ({ ...ended(), running: true, waitingForUser: true, endState: null, endReason: null, now: 0, audioEnd: 4400, trace: greeting, saved: false }),
        'sessions.hangup': ended,
        'sessions.stop': ended,
        'sessions.list': () => ({ sessions: [] }),
      });
      setClient(client);
    });
    afterEach(() => vi.useRealTimers());

    it('stops at the hang-up, not where the cut speech would have ended, nor where the clock had run to', async () => {
      const sessions = useSessionsStore();
      await sessions.start({ flowFile: 'flows/keypad.flow.yaml', baseUrl: null, timeScale: 1 });
      // The clock on screen runs on while the hang-up is on its way: it reads past the hang-up.
      await vi.advanceTimersByTimeAsync(6500);
      expect(sessions.nowT).toBeGreaterThan(6000);
      await sessions.hangup();
      expect(client.calls.map((c) => c.name)).toEqual(['sessions.start', 'sessions.hangup', 'sessions.stop', 'sessions.list']);
      expect(sessions.running).toBe(false);
      // Ten seconds later the clock still reads the call's end, 6000, and nothing is "speaking".
      await vi.advanceTimersByTimeAsync(10_000);
      expect(sessions.nowT).toBe(6000);
      const speaking = chatEntries(sessions.liveTrace, [], sessions.nowT, sessions.running).filter((e) => (e.kind === 'bot' || e.kind === 'user') && e.speech === 'speaking');
      expect(speaking).toEqual([]);
    });

    it('stops when the session ends by itself while the user does nothing', async () => {
      const sessions = useSessionsStore();
      sessions.listen();
      await sessions.start({ flowFile: 'flows/keypad.flow.yaml', baseUrl: null, timeScale: 1 });
      expect(sessions.running).toBe(true);
      // The rest of the call arrives live (no call of the user's on its way), its end last.
      hungUp.slice(greeting.length).forEach((event, i) => client.emit('sessions.trace', { id: 's1', seq: greeting.length + i, event }));
      await vi.advanceTimersByTimeAsync(200);
      expect(client.calls.map((c) => c.name)).toEqual(['sessions.start', 'sessions.stop', 'sessions.list']);
      expect(sessions.running).toBe(false);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(sessions.nowT).toBe(6000);
    });
  });
});
