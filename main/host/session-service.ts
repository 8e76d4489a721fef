import { randomUUID } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import { SessionFile } from '../api/formats/session';
import type { BundleFile } from '../api/formats/session';
import type { TraceEvent } from '../api/formats/trace';
import type { LiveSessionStatus, ReplayOutcome } from '../api/routes/sessions';
import { describeIssues, zodIssues } from '../api/validate';
import { compileFlow } from '../engine/compiled-flow';
import { DialogRunner } from '../engine/dialog-runner';
import { liveUser } from '../engine/user-source';
import { FileLoader } from '../formats/file-loader';
import { FormatError } from '../formats/format-error';
import { HttpTransport } from '../realtime/http-transport';
import { RealClock } from '../realtime/real-clock';
import { buildSession } from '../sessions/build-session';
import { makeBundle, replayAsResult } from '../sessions/bundle';
import { contentSha256 } from '../sessions/content-sha';
import { sessionToHar } from '../sessions/har-export';
import { HarImportError, harToMocks } from '../sessions/har-import';
import { RecordingTransport } from '../sessions/recording-transport';
import { replaySession } from '../sessions/replay-session';
import { sessionToScenario } from '../sessions/session-to-scenario';
import { HostError } from './host-error';
import type { MockService } from './mock-service';
import type { StoreService } from './store-service';

interface LiveSession {
  id: string;
  flowFile: string;
  flow: FlowFile;
  startedAt: Date;
  runner: DialogRunner;
  clock: RealClock;
  http: HttpTransport;
  recorder: RecordingTransport;
  mocksFile: string | null;
  baseUrl: string | null;
  viaMockServer: boolean;
  timeScale: number;
  seed: number;
  trace: TraceEvent[];
  /** Resolves when the bot next waits for the user or the run ends. */
  settled: Promise<void>;
  settle: () => void;
  saved: Promise<void> | null;
}

const SETTLE_LIMIT_MS = 120_000;
const MAX_LIVE_SESSIONS = 20;
const JOURNAL_WAIT_ATTEMPTS = 25;

/** Live sessions (real clock, recorded) and what is done with recordings: replay, HAR, bundles. */
export class SessionService {
  private readonly live = new Map<string, LiveSession>();

  constructor(
    private readonly filesDir: string,
    private readonly mocks: MockService,
    private readonly store: StoreService,
    private readonly version: string,
    private readonly onTrace: (id: string, event: TraceEvent) => void,
  ) {}

  async start(input: { flowFile: string; baseUrl?: string | undefined; timeScale: number; seed?: number | undefined }): Promise<LiveSessionStatus> {
    if ([...this.live.values()].filter((s) => !s.runner.ended).length >= MAX_LIVE_SESSIONS) {
      throw new HostError('conflict', `${MAX_LIVE_SESSIONS} live sessions are open; stop one first`);
    }
    const flowFile = this.resolve(input.flowFile);
    const flow = await this.loadFlow(flowFile);
    const served = this.mocks.status();
    const baseUrl = input.baseUrl ?? served.url;
    if (baseUrl === null) throw new HostError('conflict', 'no API to talk to: start the mock server (Mocks view) or give a base URL');
    const id = randomUUID();
    const clock = new RealClock(input.timeScale);
    const http = new HttpTransport(baseUrl, clock, input.timeScale);
    const recorder = new RecordingTransport(http, clock);
    const seed = input.seed ?? served.seed ?? 0;
    let settle = (): void => {};
    const session: LiveSession = {
      id,
      flowFile,
      flow,
      startedAt: new Date(),
      clock,
      http,
      recorder,
      mocksFile: input.baseUrl === undefined ? served.file : null,
      baseUrl: input.baseUrl ?? null,
      viaMockServer: input.baseUrl === undefined,
      timeScale: input.timeScale,
      seed,
      trace: [],
      settled: new Promise((ok) => (settle = ok)),
      settle: () => settle(),
      saved: null,
      runner: undefined as unknown as DialogRunner,
    };
    session.runner = new DialogRunner({
      flow: compileFlow(flow),
      clock,
      transport: recorder,
      user: liveUser,
      seed,
      sessionId: id,
      onEvent: (event) => {
        session.trace.push(event);
        this.onTrace(id, event);
        if (event.type === 'port' && event.arrow === 'red' && event.to !== null) this.rearm(session);
      },
    });
    session.runner.onEnd(() => {
      this.rearm(session);
      session.saved = this.save(session);
    });
    this.live.set(id, session);
    session.runner.start();
    await this.waitSettled(session);
    return this.statusOf(session);
  }

  async say(id: string, text: string): Promise<LiveSessionStatus> {
    const session = this.get(id);
    if (!session.runner.waitingForUser) {
      throw new HostError('conflict', session.runner.ended ? 'the session has ended' : 'the bot is not waiting for the user yet');
    }
    this.rearm(session);
    session.runner.userSays(text);
    await this.waitSettled(session);
    return this.statusOf(session);
  }

  status(id: string): LiveSessionStatus {
    return this.statusOf(this.get(id));
  }

  async stop(id: string): Promise<LiveSessionStatus> {
    const session = this.get(id);
    if (!session.runner.ended) session.runner.stop('session stopped');
    await session.saved;
    return this.statusOf(session);
  }

  list(limit: number, offset: number) {
    return this.store.use((s) => ({ sessions: s.sessions.list(limit, offset) }));
  }

  async getSession(id: string): Promise<SessionFile> {
    const body = await this.store.use((s) => s.sessions.body(id));
    if (body === undefined) throw new HostError('not_found', `no recorded session ${id}`);
    const parsed = SessionFile.safeParse(body);
    if (!parsed.success) throw new HostError('failed', `session ${id} is stored but does not read as flowbench.session/1`, zodIssues(parsed.error));
    return parsed.data;
  }

  deleteSession(id: string) {
    return this.store.use((s) => ({ deleted: s.sessions.delete(id) }));
  }

  importSession(raw: unknown) {
    const parsed = SessionFile.safeParse(raw);
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      throw new HostError('invalid_input', `not a flowbench.session/1 document: ${describeIssues(issues)}`, issues.map((i) => ({ ...i, path: `session.${i.path}` })));
    }
    return this.store.use((s) => s.sessions.save(parsed.data, new Date().toISOString()));
  }

  async replay(input: {
    id: string;
    flowFile?: string | undefined;
    relative: boolean;
    answers: 'recording' | 'mocks';
    mocksFile?: string | undefined;
    endpointLatency: Record<string, number>;
  }): Promise<ReplayOutcome> {
    const session = await this.getSession(input.id);
    const flow = input.flowFile !== undefined ? await this.loadFlow(this.resolve(input.flowFile)) : await this.recordedFlow(session);
    let answers: Parameters<typeof replaySession>[1]['answers'] = { kind: 'recording' };
    if (input.answers === 'mocks') {
      const file = input.mocksFile ?? session.mocks?.file;
      if (file === undefined) throw new HostError('invalid_input', 'replaying against mocks needs a mocks file', [{ path: 'mocksFile', message: 'required: the session names no mock set' }]);
      answers = { kind: 'mocks', mocks: await this.loadMocks(this.resolve(file)) };
    }
    const replay = replaySession(session, { flow, relative: input.relative, answers, endpointLatency: input.endpointLatency });
    return {
      endState: replay.endState,
      endReason: replay.endReason ?? null,
      virtualMs: replay.virtualMs,
      trace: replay.trace,
      recordedTrace: session.trace,
      divergence: replay.divergence,
      mismatches: replay.mismatches,
      flowChanged: replay.flowChanged,
    };
  }

  async toScenario(id: string, name: string | undefined): Promise<{ yaml: string }> {
    const session = await this.getSession(id);
    const flow = await this.recordedFlow(session);
    const scenariosDir = resolve(this.filesDir, 'scenarios');
    // Scenarios are saved under examples/scenarios/: refer to files relative to it when inside examples/.
    const ref = (file: string): string =>
      relative(this.filesDir, file).startsWith('..') ? file : relative(scenariosDir, file).split(sep).join('/');
    const mocksFile = session.mocks?.file;
    const mocks = mocksFile !== undefined ? { ref: ref(mocksFile), file: await this.loadMocks(mocksFile) } : undefined;
    return {
      yaml: sessionToScenario(session, {
        name: name ?? `session ${session.startedAt}`,
        flow,
        flowRef: session.flow.file !== undefined ? ref(session.flow.file) : flow,
        mocks,
      }),
    };
  }

  async exportHar(id: string): Promise<{ har: Record<string, unknown> }> {
    const session = await this.getSession(id);
    return { har: sessionToHar(session, this.version, session.mocks?.baseUrl) as unknown as Record<string, unknown> };
  }

  importHar(har: unknown, name: string | undefined): { mocks: MocksFile; yaml: string } {
    try {
      const mocks = harToMocks(har, name);
      return { mocks, yaml: stringify(mocks, { lineWidth: 0, aliasDuplicateObjects: false }) };
    } catch (error) {
      if (error instanceof HarImportError) throw new HostError('invalid_input', error.message, error.issues.map((i) => ({ ...i, path: `har.${i.path}` })));
      throw error;
    }
  }

  async bundle(id: string): Promise<BundleFile> {
    const session = await this.getSession(id);
    const flow = await this.recordedFlow(session);
    const mocksFile = session.mocks?.file;
    const mocks = mocksFile !== undefined ? await this.loadMocks(mocksFile).catch(() => null) : null;
    const replay = replaySession(session, { flow });
    return makeBundle(flow, mocks, session, replayAsResult(session, replay, session.flow.file ?? ''));
  }

  /** Host shutdown: ends every live session (saving it). */
  async close(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.stop(id).catch(() => undefined)));
  }

  // ── internals ──────────────────────────────────────────────────────────────

  /** Wakes whoever waits for the bot's turn to end, and sets up the wait for the next one. */
  private rearm(session: LiveSession): void {
    session.settle();
    if (!session.runner.ended) session.settled = new Promise((ok) => (session.settle = ok));
  }

  private async waitSettled(session: LiveSession): Promise<void> {
    if (session.runner.ended || session.runner.waitingForUser) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([session.settled, new Promise<void>((ok) => (timer = setTimeout(ok, SETTLE_LIMIT_MS * Math.max(1, session.timeScale))))]);
    clearTimeout(timer);
  }

  private async save(session: LiveSession): Promise<void> {
    const run = session.runner.outcome;
    if (run === null) return;
    session.clock.dispose();
    await session.http.close().catch(() => undefined);
    const exchanges = session.recorder.exchanges;
    if (session.viaMockServer) await this.attachFaults(session);
    const doc = buildSession(
      {
        id: session.id,
        startedAt: session.startedAt,
        flow: session.flow,
        flowFile: session.flowFile,
        mocks: session.mocksFile !== null ? { file: session.mocksFile, sha256: await this.mocksSha(session.mocksFile) } : session.baseUrl !== null ? { baseUrl: session.baseUrl } : undefined,
        clock: 'real',
        timeScale: session.timeScale,
        seed: session.seed,
      },
      run,
      exchanges,
    );
    await this.store.use((s) => s.sessions.save(doc, new Date().toISOString()));
  }

  /**
   * Which fault the mock server injected into each exchange, from its journal. An exchange
   * the bot gave up on is journaled when the server sees the socket close: wait a little.
   */
  private async attachFaults(session: LiveSession): Promise<void> {
    let entries: { module: string | null; path: string; fault: string | null }[] = [];
    for (let attempt = 0; attempt < JOURNAL_WAIT_ATTEMPTS; attempt++) {
      try {
        entries = this.mocks.journal({ session: session.id }).entries;
      } catch {
        return; // the mock server was stopped meanwhile
      }
      if (entries.length >= session.recorder.exchanges.length) break;
      await new Promise((ok) => setTimeout(ok, 20));
    }
    const used = new Set<number>();
    for (const exchange of session.recorder.exchanges) {
      const path = new URL(exchange.request.url, 'http://x').pathname;
      const index = entries.findIndex((e, i) => !used.has(i) && e.module === exchange.module && e.path === path);
      if (index < 0) continue;
      used.add(index);
      exchange.fault = entries[index]?.fault ?? null;
    }
  }

  private async mocksSha(file: string): Promise<string> {
    return this.loadMocks(file).then(contentSha256, () => '');
  }

  private statusOf(s: LiveSession): LiveSessionStatus {
    const outcome = s.runner.outcome;
    return {
      id: s.id,
      flowFile: s.flowFile,
      flowName: s.flow.name,
      channel: s.flow.channel,
      running: !s.runner.ended,
      waitingForUser: s.runner.waitingForUser,
      endState: outcome?.endState ?? null,
      endReason: outcome?.endReason ?? null,
      now: outcome?.virtualMs ?? s.clock.now(),
      trace: [...s.trace],
      saved: s.saved !== null,
    };
  }

  private get(id: string): LiveSession {
    const session = this.live.get(id);
    if (!session) throw new HostError('not_found', `no live session ${id}`);
    return session;
  }

  private resolve(file: string): string {
    return isAbsolute(file) ? file : resolve(this.filesDir, file);
  }

  private async recordedFlow(session: SessionFile): Promise<FlowFile> {
    if (session.flow.content) return session.flow.content;
    if (session.flow.file !== undefined) return this.loadFlow(session.flow.file);
    throw new HostError('failed', `session ${session.id} carries no flow and names no flow file; give flowFile`);
  }

  private async loadFlow(file: string): Promise<FlowFile> {
    try {
      return await new FileLoader(this.filesDir).loadFlow(file);
    } catch (error) {
      if (error instanceof FormatError) throw new HostError('invalid_input', error.message, error.toApiIssues());
      throw error;
    }
  }

  private async loadMocks(file: string): Promise<MocksFile> {
    try {
      return await new FileLoader(this.filesDir).loadMocks(file);
    } catch (error) {
      if (error instanceof FormatError) throw new HostError('invalid_input', error.message, error.toApiIssues());
      throw error;
    }
  }
}
