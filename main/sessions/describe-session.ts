import { SessionFile } from '../api/formats/session';
import type { SessionListEntry } from '../api/routes/sessions';
import { callLength } from '../api/trace/call-length';

interface StoredHeader {
  id: string;
  startedAt: string;
  flow: { name: string; sha256: string };
  scenarioId: number | null;
  savedAt: string;
}

/** A list entry for a stored session: its header, plus how it went when its document reads. */
export function describeSession(header: StoredHeader, body: unknown): SessionListEntry {
  const parsed = SessionFile.safeParse(body);
  const s = parsed.success ? parsed.data : null;
  // The conversation lasts until its last event or the end of its last sound, whichever is later.
  const length = s && s.trace.length > 0 ? callLength(s.trace) : null;
  return {
    id: header.id,
    startedAt: header.startedAt,
    flow: { name: header.flow.name, sha256: header.flow.sha256, file: s?.flow.file ?? null },
    scenarioId: header.scenarioId,
    savedAt: header.savedAt,
    channel: s?.channel ?? null,
    endState: s?.endState ?? null,
    endReason: s?.endReason ?? null,
    durationMs: length,
    userMessages: s?.user.filter((u) => u.kind === undefined || u.kind === 'say' || u.kind === 'dtmf').length ?? 0,
    exchanges: s?.exchanges.length ?? 0,
  };
}
