import type { Exchange } from '../api/formats/session';
import type { MockJournalEntry } from '../api/routes/mocks';

/** Where the journal entries of one session come from (the workbench's mock service). */
export interface JournalSource {
  onJournal(listener: (entry: MockJournalEntry) => void): () => void;
  status(): { running: boolean };
}

/**
 * The mock server's journal entries of one live session, by request id. The real transport
 * sends the engine's id of each request (`x-flowbench-request-id`) and the server journals
 * it, so each recorded exchange finds its own entry — two requests of the same module to the
 * same path in flight at once each get the fault and latency the server decided for them.
 * Entries arrive as the server journals them (no polling); only this session's are kept.
 */
export class SessionJournal {
  private readonly entries = new Map<string, MockJournalEntry>();
  private readonly unsubscribe: () => void;
  private waiting: { ids: readonly string[]; done: () => void } | null = null;

  constructor(
    private readonly source: JournalSource,
    private readonly session: string,
  ) {
    this.unsubscribe = source.onJournal((entry) => this.take(entry));
  }

  /** The entry of one request of the session, once journaled. */
  entry(requestId: string): MockJournalEntry | undefined {
    return this.entries.get(requestId);
  }

  /**
   * Resolves once every one of these requests is journaled, the mock server is not running,
   * or `limitMs` passed. A request the bot gave up on is journaled only when the server sees
   * its connection close, a moment after the abort.
   */
  async settle(ids: readonly string[], limitMs: number): Promise<void> {
    if (this.complete(ids) || !this.source.status().running) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((done) => {
      this.waiting = { ids, done };
      timer = setTimeout(done, limitMs);
    });
    clearTimeout(timer);
    this.waiting = null;
  }

  /**
   * Writes each exchange's fault and server latency (in conversation ms) from its entry; an
   * exchange the server never journaled (another host, the server stopped) keeps its own.
   */
  attach(exchanges: readonly Exchange[], timeScale: number): void {
    for (const exchange of exchanges) {
      const entry = exchange.id === undefined ? undefined : this.entries.get(exchange.id);
      if (entry === undefined) continue;
      exchange.fault = entry.fault;
      // The journal holds wall-clock ms (the server applied the latency at the session's time scale).
      exchange.serverLatencyMs = Math.round(entry.latencyMs / timeScale);
    }
  }

  close(): void {
    this.unsubscribe();
    this.waiting?.done();
  }

  private take(entry: MockJournalEntry): void {
    if (entry.session !== this.session || entry.requestId === undefined) return;
    this.entries.set(entry.requestId, entry);
    if (this.waiting !== null && this.complete(this.waiting.ids)) this.waiting.done();
  }

  private complete(ids: readonly string[]): boolean {
    return ids.every((id) => this.entries.has(id));
  }
}
