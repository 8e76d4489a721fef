import { SessionFile } from '../api/formats/session';
import type { Store } from './store';

const PAGE = 500;
/** At most this many sessions are read for one question. */
const MAX_SESSIONS = 100_000;

/**
 * The recorded sessions of a flow (by its name), newest first, as full documents. A stored
 * body that is not a valid session (written by a future version, say) is counted, not read.
 */
export function recordedSessionsOf(store: Store, flowName: string): { sessions: SessionFile[]; unreadable: number } {
  return store.read(() => {
    const sessions: SessionFile[] = [];
    let unreadable = 0;
    for (let offset = 0; offset < MAX_SESSIONS; offset += PAGE) {
      const page = store.sessions.list(PAGE, offset);
      for (const summary of page) {
        if (summary.flow.name !== flowName) continue;
        const parsed = SessionFile.safeParse(store.sessions.body(summary.id));
        if (parsed.success) sessions.push(parsed.data);
        else unreadable++;
      }
      if (page.length < PAGE) break;
    }
    return { sessions, unreadable };
  });
}
