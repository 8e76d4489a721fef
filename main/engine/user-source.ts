import type { UserStep } from '../api/formats/scenario';

/**
 * Where the user's messages come from when the bot ends its turn: a script (scenarios,
 * replays) or a live person (sessions), who answers through `DialogRunner.userSays`.
 */
export type UserSource =
  | { kind: 'script'; steps: readonly UserStep[] }
  | { kind: 'live' }
  /** A recorded session's messages: at their recorded start (`at`), or `afterMs` after the bot is ready. */
  | { kind: 'timed'; steps: readonly TimedStep[]; relative: boolean };

export interface TimedStep {
  say: string;
  at: number;
  afterMs?: number | undefined;
}

export function scriptedUser(steps: readonly UserStep[]): UserSource {
  return { kind: 'script', steps };
}

export const liveUser: UserSource = { kind: 'live' };

export function timedUser(steps: readonly TimedStep[], relative = false): UserSource {
  return { kind: 'timed', steps, relative };
}
