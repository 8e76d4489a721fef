import type { MockState, MocksFile, RouteOverride } from '../api/formats/mocks';
import type { JournalFilter, JournalPage, MockJournalEntry, MockServerStatus, MockStateView } from '../api/routes/mocks';
import type { MockExchangeDetail } from '../api/routes/mocks-exchange';
import { MockConfigError, startMockServer, summarizeRoute, UnknownRouteError } from '../../mocks/server';
import type { MockServer } from '../../mocks/server';
import type { ExampleFiles } from './example-files';
import { contentSha256 } from '../sessions/content-sha';
import { StateTooLargeError } from '../../mocks/core/mock-state';
import { HostError } from './host-error';

export interface MockServiceOptions {
  /** Where mocks files are read: relative paths against the examples folder, only in the allowed folders. */
  files: ExampleFiles;
  /** Every journal entry of the running server (the host turns them into events). */
  onJournal: (entry: MockJournalEntry) => void;
}

export interface MockStartInput {
  file?: string | undefined;
  mocks?: MocksFile | undefined;
  port?: number | undefined;
  seed?: number | undefined;
}

interface Running {
  server: MockServer;
  file: string | null;
  /** The mock set as it was started (before any patch), by content: a scenario with this set is served by it. */
  baseSha256: string;
  unsubscribe: () => void;
  /** What the UI changed per route since the start, merged field by field. */
  patches: Map<string, RouteOverride>;
}

/** The one mock server the workbench UI drives: start, stop, patch, journal. */
export class MockService {
  private running: Running | null = null;
  /** Listeners of every server this service runs, from one start to the next (see onJournal). */
  private readonly journalListeners = new Set<(entry: MockJournalEntry) => void>();
  /** Starts and stops run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: MockServiceOptions) {}

  start(input: MockStartInput): Promise<MockServerStatus> {
    return this.serialized(async () => {
      const { mocks, file } = await this.load(input);
      await this.stopNow();
      let server: MockServer;
      try {
        server = await startMockServer({
          mocks,
          port: input.port ?? 0,
          ...(input.seed !== undefined ? { seed: input.seed } : {}),
        });
      } catch (error) {
        if (error instanceof MockConfigError) {
          throw new HostError('invalid_input', error.message, error.issues.map((i) => ({ path: `mocks.${i.path}`, message: i.message })));
        }
        throw new HostError('failed', `cannot start the mock server: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.running = { server, file, baseSha256: mockSetSha(server.config()), unsubscribe: server.onJournal((entry) => this.journaled(entry)), patches: new Map() };
      return this.status();
    });
  }

  stop(): Promise<MockServerStatus> {
    return this.serialized(async () => {
      await this.stopNow();
      return this.status();
    });
  }

  status(): MockServerStatus {
    const r = this.running;
    if (r === null) return { running: false, url: null, port: null, seed: null, file: null, config: null, routes: [], warnings: [], patches: {} };
    const config = r.server.config();
    return {
      running: true,
      url: r.server.url,
      port: r.server.port,
      seed: r.server.seed,
      file: r.file,
      config,
      routes: config.routes.map(summarizeRoute),
      warnings: [...r.server.warnings],
      patches: this.patches(),
    };
  }

  patchRoute(routeId: string, override: RouteOverride): MockServerStatus {
    const { server, patches } = this.requireRunning();
    try {
      server.patchRoute(routeId, override);
      patches.set(routeId, { ...(patches.get(routeId) ?? {}), ...override });
    } catch (error) {
      if (error instanceof UnknownRouteError) throw new HostError('not_found', error.message);
      if (error instanceof MockConfigError) {
        throw new HostError('invalid_input', error.message, error.issues.map((i) => ({ path: `override.${i.path}`, message: i.message })));
      }
      throw error;
    }
    return this.status();
  }

  /** The mocks file being served (absolute), or null. */
  servedFile(): string | null {
    return this.running?.file ?? null;
  }

  /**
   * Whether the running server serves this mock set: started from the same file, or with
   * the same content (a library copy of the file, an inline set).
   */
  serves(mocks: MocksFile | null, file: string | null): boolean {
    const r = this.running;
    if (r === null || mocks === null) return false;
    return (file !== null && file === r.file) || mockSetSha(mocks) === r.baseSha256;
  }

  /**
   * The running server answers one session (a run) from its own mock set, e.g. a scenario's
   * mocks with its overrides and the live patches: its requests still land in the journal.
   * Returns the release, and the server's URL.
   */
  useSessionMocks(session: string, mocks: MocksFile, seed: number): { url: string; release: () => void } {
    const { server } = this.requireRunning();
    try {
      return { url: server.url, release: server.useSessionMocks(session, mocks, seed) };
    } catch (error) {
      if (error instanceof MockConfigError) throw new HostError('invalid_input', error.message, error.issues.map((i) => ({ path: `mocks.${i.path}`, message: i.message })));
      throw error;
    }
  }

  /** The live route patches made since the server started, by route id. */
  patches(): Record<string, RouteOverride> {
    return Object.fromEntries(this.running?.patches ?? []);
  }

  journal(filter: JournalFilter): JournalPage {
    const { server } = this.requireRunning();
    return { entries: server.journal.query(filter), total: server.journal.total };
  }

  /**
   * Calls `listener` with each journal entry from now on, of this server and of any server
   * started after it (a restart keeps the listener). Returns the unsubscribe.
   */
  onJournal(listener: (entry: MockJournalEntry) => void): () => void {
    this.journalListeners.add(listener);
    return () => this.journalListeners.delete(listener);
  }

  /** One journaled exchange in full (request and response). */
  exchange(id: number): MockExchangeDetail {
    const { server } = this.requireRunning();
    const detail = server.journal.detail(id);
    if (detail === null) throw new HostError('not_found', `request #${id} is no longer in the journal (it keeps the latest ${server.journal.capacity})`);
    return detail;
  }

  clearJournal(): { cleared: number } {
    return { cleared: this.running === null ? 0 : this.running.server.journal.clear() };
  }

  /** One session's mock state, or the initial state and every session that changed it. */
  state(session?: string): MockStateView {
    return stateView(this.requireRunning().server, session);
  }

  setState(session: string, state: MockState): MockStateView {
    const { server } = this.requireRunning();
    try {
      server.state.set(session, state);
    } catch (error) {
      if (error instanceof StateTooLargeError) throw new HostError('invalid_input', error.message, [{ path: 'state', message: error.message }]);
      throw error;
    }
    return stateView(server, session);
  }

  resetState(session?: string): MockStateView {
    const { server } = this.requireRunning();
    server.state.reset(session);
    return stateView(server, session);
  }

  /** Host shutdown. */
  close(): Promise<void> {
    return this.serialized(() => this.stopNow());
  }

  private async load(input: MockStartInput): Promise<{ mocks: MocksFile; file: string | null }> {
    if (input.mocks !== undefined) return { mocks: input.mocks, file: null };
    if (input.file === undefined) throw new HostError('invalid_input', 'expected a mocks file or an inline mocks value');
    const { files } = this.options;
    return { mocks: await files.mocks(input.file), file: files.resolve(input.file) };
  }

  private journaled(entry: MockJournalEntry): void {
    this.options.onJournal(entry);
    for (const listener of this.journalListeners) {
      try {
        listener(entry);
      } catch {
        // A failing listener must not keep the others (or the UI's journal stream) from the entry.
      }
    }
  }

  private requireRunning(): Running {
    if (this.running === null) throw new HostError('conflict', 'the mock server is not running (call mocks.start first)');
    return this.running;
  }

  private async stopNow(): Promise<void> {
    const r = this.running;
    if (r === null) return;
    this.running = null;
    r.unsubscribe();
    await r.server.close();
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** A mock set's content hash, its name aside (a library copy may be named otherwise). */
function mockSetSha(mocks: MocksFile): string {
  return contentSha256({ ...mocks, name: undefined });
}

function stateView(server: MockServer, session: string | undefined): MockStateView {
  const { state } = server;
  const sessions =
    session === undefined
      ? state.list().map((s) => ({ session: s.session, state: { ...s.state }, changed: true }))
      : [{ session, state: { ...state.get(session) }, changed: state.has(session) }];
  return { initial: { ...state.initial }, sessions };
}
