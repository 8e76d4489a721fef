import type { UserStep } from '../api/formats/scenario';
import type { SessionUserMessage } from '../api/formats/session';

/** When a hang-up happens (SPEC §7.1 rule 13). */
export type HangupTrigger = { afterMs: number } | { atMs: number } | { deadAirMs: number };

/**
 * One thing the user does at a wait, as the engine plays it. A message (`say`: spoken or
 * typed text, or DTMF keys) starts `afterMs` after the bot is ready or, replaying a
 * recording, at its recorded time `at`.
 */
export type TurnStep =
  | { kind: 'say'; text: string; via: 'speech' | 'dtmf'; afterMs: number | null; at: number | null }
  | { kind: 'silence' }
  | { kind: 'hangup'; trigger: HangupTrigger };

/**
 * Where the user's messages come from when the bot ends its turn: a script (scenarios,
 * replays) or a live person (sessions), who answers through the runner's `userSays`,
 * `userDtmf`, `userSilent`, `userBargeIn` and `hangUp`.
 */
export type UserSource = { kind: 'script'; steps: readonly TurnStep[] } | { kind: 'live' };

const scripts = new WeakMap<readonly UserStep[], UserSource>();

/** A scenario's `user` steps (converted once per list). */
export function scriptedUser(steps: readonly UserStep[]): UserSource {
  let source = scripts.get(steps);
  if (!source) {
    source = { kind: 'script', steps: steps.map(fromScenarioStep) };
    scripts.set(steps, source);
  }
  return source;
}

export const liveUser: UserSource = { kind: 'live' };

/**
 * A recorded session's user entries: each message at its recorded start (`at`), or with
 * `relative`, `afterMs` after the bot is ready; silences and the hang-up as recorded.
 */
export function timedUser(entries: readonly SessionUserMessage[], relative = false): UserSource {
  return { kind: 'script', steps: entries.map((e) => fromSessionEntry(e, relative)) };
}

function fromScenarioStep(step: UserStep): TurnStep {
  if ('say' in step) return { kind: 'say', text: step.say, via: 'speech', afterMs: step.afterMs ?? null, at: null };
  if ('dtmf' in step) return { kind: 'say', text: step.dtmf, via: 'dtmf', afterMs: step.afterMs ?? null, at: null };
  if ('silence' in step) return { kind: 'silence' };
  const h = step.hangup;
  if (h.afterMs !== undefined) return { kind: 'hangup', trigger: { afterMs: h.afterMs } };
  if (h.atMs !== undefined) return { kind: 'hangup', trigger: { atMs: h.atMs } };
  return { kind: 'hangup', trigger: { deadAirMs: h.deadAirMs ?? 0 } };
}

function fromSessionEntry(entry: SessionUserMessage, relative: boolean): TurnStep {
  switch (entry.kind) {
    case undefined:
    case 'say':
      return { kind: 'say', text: entry.say, via: 'speech', afterMs: entry.afterMs ?? (relative ? 0 : null), at: relative ? null : entry.at };
    case 'dtmf':
      return { kind: 'say', text: entry.dtmf, via: 'dtmf', afterMs: entry.afterMs ?? (relative ? 0 : null), at: relative ? null : entry.at };
    case 'silence':
      return { kind: 'silence' };
    case 'hangup':
      return { kind: 'hangup', trigger: { atMs: entry.at } };
  }
}
