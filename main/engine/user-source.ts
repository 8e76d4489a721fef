import type { UserStep } from '../api/formats/scenario';

/**
 * Where the user's messages come from when the bot ends its turn: a script (scenarios,
 * replays) or a live person (sessions), who answers through `DialogRunner.userSays`.
 */
export type UserSource = { kind: 'script'; steps: readonly UserStep[] } | { kind: 'live' };

export function scriptedUser(steps: readonly UserStep[]): UserSource {
  return { kind: 'script', steps };
}

export const liveUser: UserSource = { kind: 'live' };
