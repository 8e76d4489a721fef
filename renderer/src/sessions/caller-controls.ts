import type { TraceEvent, TraceEventOf } from '../../../main/api/formats/trace';
import { soundEnd, sounded } from '../../../main/api/trace/call-length';

/** DTMF keys (SPEC §7.1 rule 12), as a phone keypad lays them out. */
export const KEYPAD_ROWS: readonly (readonly string[])[] = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
  ['*', '0', '#'],
];
/** The most keys one press of "Send keys" takes (the host's limit). */
export const MAX_KEYS = 64;
const DTMF_KEY = /^[0-9*#A-D]$/;

/** One control of the live session: whether it shows, whether it can be used now, and why not. */
export interface ControlState {
  shown: boolean;
  enabled: boolean;
  /** What it does (enabled) or why it cannot be used now (disabled). */
  hint: string;
}

/** What the controls need to know about the live session. */
export interface CallerSituation {
  channel: 'chat' | 'voice' | 'email';
  running: boolean;
  /** The host says the bot waits for the user (a red arrow reached). */
  waitingForUser: boolean;
  /** A call to the host is on its way (the user's last action, a stop). */
  busy: boolean;
  /** Conversation ms now. */
  now: number;
  /** When the bot's queued speech ends. */
  audioEnd: number;
  trace: readonly TraceEvent[];
}

export interface CallerControls {
  silence: ControlState;
  keypad: ControlState;
  bargeIn: ControlState;
  hangup: ControlState;
}

/** The bot's speech sounding at `now`, if any (cut speech only until its cut). */
export function speechAt(trace: readonly TraceEvent[], now: number): TraceEventOf<'say'> | null {
  for (const e of trace) if (e.type === 'say' && sounded(e) && e.start <= now && now < soundEnd(e)) return e;
  return null;
}

function waitHint(s: CallerSituation): string | null {
  if (!s.running) return 'The conversation has ended';
  if (s.busy) return 'Wait for the bot’s answer to your last action';
  if (!s.waitingForUser) return 'The bot is working: it is not waiting for the caller yet';
  return null;
}

/**
 * Which caller controls the live Sessions view shows and allows (SPEC §7.1): staying silent,
 * the keypad and talking over the bot are voice things; the caller (or chat user) can leave
 * at any time while the conversation runs. Nothing is usable once it has ended.
 */
export function callerControls(s: CallerSituation): CallerControls {
  const voice = s.channel === 'voice';
  const blocked = waitHint(s);
  const speaking = speechAt(s.trace, s.now);
  const stillTalking = s.now < s.audioEnd;
  let overHint: string;
  if (blocked !== null) overHint = blocked;
  else if (!stillTalking) overHint = 'The bot has finished speaking: send the message instead';
  else if (speaking?.bargeIn === false) overHint = 'This speech cannot be interrupted: words spoken over it are not heard';
  else overHint = 'Say the message now, over the bot’s speech: it is cut and the message is heard';
  return {
    silence: {
      shown: voice,
      enabled: voice && blocked === null,
      hint: blocked ?? 'Say nothing at this wait: the flow’s no-input handler runs when its timer fires (noInputMs)',
    },
    keypad: {
      shown: voice,
      enabled: voice && blocked === null,
      hint: blocked ?? 'Key presses (DTMF), 100 ms per key; the keys are the message',
    },
    bargeIn: { shown: voice, enabled: voice && blocked === null && stillTalking, hint: overHint },
    hangup: {
      shown: true,
      enabled: s.running,
      hint: !s.running ? 'The conversation has ended' : voice ? 'The caller hangs up now: speech is cut, requests in flight are aborted' : 'The user leaves now: requests in flight are aborted',
    },
  };
}

/** The keys typed so far with one more pressed: DTMF keys only, at most MAX_KEYS. */
export function pressKey(keys: string, key: string): string {
  const k = key.toUpperCase();
  if (!DTMF_KEY.test(k) || keys.length >= MAX_KEYS) return keys;
  return keys + k;
}

/** Text typed or pasted into the keypad's display, kept to DTMF keys. */
export function keysFrom(text: string): string {
  let keys = '';
  for (const ch of text) keys = pressKey(keys, ch);
  return keys;
}
