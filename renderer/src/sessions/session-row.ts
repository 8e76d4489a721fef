import type { SessionListEntry } from '../../../main/api/routes/sessions';
import { formatMs } from '../timeline/format-ms';

export type TagType = 'success' | 'warning' | 'error' | 'info' | 'default';

/** How a recorded session ended, as the list shows it: a coloured tag and the host's reason. */
export interface EndLabel {
  type: TagType;
  text: string;
  reason: string | null;
}

/** The end state's tag: end is green, handover and a hang-up amber, an error red, waiting for the user blue. */
export function endLabel(entry: Pick<SessionListEntry, 'endState' | 'endReason'>): EndLabel {
  const reason = entry.endReason !== null && entry.endReason.trim() !== '' ? entry.endReason : null;
  switch (entry.endState) {
    case 'end':
      return { type: 'success', text: 'end', reason };
    case 'handover':
      return { type: 'warning', text: 'handover', reason };
    case 'error':
      return { type: 'error', text: 'error', reason };
    case 'awaiting_user':
      return { type: 'info', text: 'awaiting user', reason };
    case 'hangup':
      return { type: 'warning', text: 'caller hung up', reason };
    default:
      // The stored document does not read as a session: the host could not say.
      return { type: 'default', text: 'unknown', reason };
  }
}

/** `1 message · 2 requests`: what the user said and the HTTP exchanges recorded. */
export function countsLabel(entry: Pick<SessionListEntry, 'userMessages' | 'exchanges'>): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(entry.userMessages, 'message')} · ${plural(entry.exchanges, 'request')}`;
}

/** The conversation's length (ms from its start to its end), or a dash when unknown. */
export function durationLabel(entry: Pick<SessionListEntry, 'durationMs'>): string {
  return entry.durationMs === null ? '—' : formatMs(entry.durationMs);
}

/** The flow file's name without its folder (`flows/x.flow.yaml` → `x.flow.yaml`), null when inline. */
export function flowFileName(entry: Pick<SessionListEntry, 'flow'>): string | null {
  const file = entry.flow.file;
  if (file === null || file === '') return null;
  return file.split(/[\\/]/).at(-1) ?? file;
}
