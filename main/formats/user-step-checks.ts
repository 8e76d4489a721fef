import type { Channel } from '../api/formats/flow';
import type { UserStep } from '../api/formats/scenario';

export interface StepIssue {
  /** Inside `user`: `[2, 'dtmf']`. */
  path: (string | number)[];
  message: string;
}

/**
 * What a scenario's user steps may do in its flow's channel (SPEC §7.1): DTMF keys, talking
 * over the bot (negative afterMs) and dead air are voice things; nothing follows a hang-up.
 */
export function checkUserSteps(steps: readonly UserStep[], channel: Channel): StepIssue[] {
  const issues: StepIssue[] = [];
  const voice = channel === 'voice';
  const hangup = steps.findIndex((s) => 'hangup' in s);
  steps.forEach((step, i) => {
    if (hangup >= 0 && i > hangup) {
      issues.push({ path: [i], message: `the caller hung up at user[${hangup}]: steps after a hangup never run` });
    }
    if ('dtmf' in step && !voice) {
      issues.push({ path: [i, 'dtmf'], message: `DTMF key presses need a voice flow; this flow's channel is ${channel}` });
    }
    if ('say' in step && step.afterMs !== undefined && step.afterMs < 0 && !voice) {
      issues.push({ path: [i, 'afterMs'], message: `expected 0 ms or more (a negative afterMs talks over the bot: voice flows only; this flow's channel is ${channel})` });
    }
    if ('hangup' in step && step.hangup.deadAirMs !== undefined && !voice) {
      issues.push({ path: [i, 'hangup', 'deadAirMs'], message: `dead air is measured in voice flows only; this flow's channel is ${channel} (use afterMs or atMs)` });
    }
  });
  return issues;
}
