import { randomUUID } from 'node:crypto';
import type { FlowFile } from '../api/formats/flow';
import type { TraceEvent } from '../api/formats/trace';
import type { LiveSessionStatus } from '../api/routes/sessions';
import { compileFlow } from '../engine/compiled-flow';
import { DialogRunner } from '../engine/dialog-runner';
import { sandboxFor } from '../sandbox/load-code-sandbox';
import { liveUser } from '../engine/user-source';
import { HttpTransport } from '../realtime/http-transport';
import { RealClock } from '../realtime/real-clock';
import { buildSession } from '../sessions/build-session';
import { contentSha256 } from '../sessions/content-sha';
import { RecordingTransport } from '../sessions/recording-transport';
import type { ExampleFiles } from './example-files';
import { HostError } from './host-error';
import { DEFAULT_RETENTION, EndedSessions, IdleTimer } from './live-session-retention';
import type { RetentionLimits } from './live-session-retention';
import { SessionJournal } from './session-journal';
import { TurnSignal } from './turn-signal';
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
  /** The mock server's journal entries of the session's requests (null: not via the mock server). */
  journal: SessionJournal | null;
  /** Abandons the session when nobody acts on it for a long time. */
  idle: IdleTimer;
  mocksFile: string | null;
  /** The API the session talked to: the mock server's URL or the base URL given. */
  apiUrl: string;
  baseUrl: string | null;
  viaMockServer: boolean;
  timeScale: number;
  seed: number;
  trace: TraceEvent[];
  /** Signalled each time the bot's turn ends (it waits for the user) and when the run ends. */
  turn: TurnSignal;
  saved: Promise<void> | null;
}

const SETTLE_LIMIT_MS = 120_000;
const MAX_LIVE_SESSIONS = 20;
/** How long saving waits for the server to journal the requests the bot gave up on. */
const JOURNAL_WAIT_MS = 3000;

/**
 * Live sessions: a flow on the real clock, a person typing, every exchange recorded and saved.
 * Memory holds the running sessions (at most MAX_LIVE_SESSIONS) and, for a while, the ones
 * that ended (see RetentionLimits): nothing is kept forever.
 */
export class LiveSessionService {
  private readonly live = new Map<string, LiveSession>();
  private readonly ended: EndedSessions;

  constructor(
    private readonly files: ExampleFiles,
    private readonly mocks: MockService,
    private readonly store: StoreService,
    private readonly onTrace: (id: string, seq: number, event: TraceEvent) => void,
    private readonly limits: RetentionLimits = DEFAULT_RETENTION,
  ) {
    this.ended = new EndedSessions(limits, (id) => this.live.delete(id));
  }

  /** How many sessions memory holds now, running or ended. */
  get size(): number {
    return this.live.size;
  }

  async start(input: { flowFile: string; baseUrl?: string | undefined; timeScale: number; seed?: number | undefined }): Promise<LiveSessionStatus> {
    if ([...this.live.values()].filter((s) => !s.runner.ended).length >= MAX_LIVE_SESSIONS) {
      throw new HostError('conflict', `${MAX_LIVE_SESSIONS} live sessions are open; stop one first`);
    }
    const flowFile = this.files.resolve(input.flowFile);
    const flow = await this.files.flow(flowFile);
    const served = this.mocks.status();
    const baseUrl = input.baseUrl ?? served.url;
    if (baseUrl === null) throw new HostError('conflict', 'no API to talk to: start the mock server (Mocks view) or give a base URL');
    const id = randomUUID();
    const compiled = compileFlow(flow); // before the clock starts: time 0 is the bot's first move
    const clock = new RealClock(input.timeScale);
    const http = new HttpTransport(baseUrl, clock, input.timeScale);
    const recorder = new RecordingTransport(http, clock);
    const viaMockServer = input.baseUrl === undefined;
    // Listening before the first request is sent: every entry of the session is seen.
    const journal = viaMockServer ? new SessionJournal(this.mocks, id) : null;
    const seed = input.seed ?? served.seed ?? 0;
    const trace: TraceEvent[] = [];
    const turn = new TurnSignal();
    const runner = new DialogRunner({
      flow: compiled,
      clock,
      transport: recorder,
      user: liveUser,
      seed,
      sessionId: id,
      ...sandboxFor(flow),
      onEvent: (event) => {
        trace.push(event);
        this.onTrace(id, trace.length - 1, event);
        // The bot waits for the user again: its turn ended, or words it did not hear left it waiting.
        if ((event.type === 'port' && event.arrow === 'red' && event.to !== null) || (event.type === 'user' && event.ignored === true)) turn.signal();
      },
    });
    const session: LiveSession = {
      id,
      flowFile,
      flow,
      // The clock's start: what Date.now() read in flow code at t=0, so a replay reads the same.
      startedAt: new Date(clock.epochMs),
      runner,
      clock,
      http,
      recorder,
      journal,
      idle: new IdleTimer(this.limits.idleMs, () => runner.stop(`abandoned: no user action for ${describeMs(this.limits.idleMs)}`)),
      mocksFile: viaMockServer ? served.file : null,
      apiUrl: baseUrl,
      baseUrl: input.baseUrl ?? null,
      viaMockServer,
      timeScale: input.timeScale,
      seed,
      trace,
      turn,
      saved: null,
    };
    runner.onEnd(() => {
      session.idle.cancel();
      session.saved = this.save(session);
      // From now on the session leaves memory within the retention limits, saved or not.
      this.ended.add(id);
      turn.signal();
    });
    this.live.set(id, session);
    await this.untilTurnEnds(session, () => runner.start());
    return this.statusOf(session);
  }

  async say(id: string, text: string): Promise<LiveSessionStatus> {
    return this.answer(id, (runner) => runner.userSays(text));
  }

  /** Key presses (voice): the message arrives 100 ms per key later. */
  async dtmf(id: string, keys: string): Promise<LiveSessionStatus> {
    const session = this.get(id);
    if (session.flow.channel !== 'voice') throw new HostError('conflict', `DTMF keys need a voice flow; this flow's channel is ${session.flow.channel}`);
    return this.answer(id, (runner) => runner.userDtmf(keys));
  }

  /** "Stay silent": with a no-input timer and handler, answers once the handler ran and the bot waits again. */
  async silence(id: string): Promise<LiveSessionStatus> {
    return this.answer(id, (runner) => runner.userSilent());
  }

  /** "Talk over the bot": the words start now, over the bot's speech if it still plays. */
  async bargeIn(id: string, text: string): Promise<LiveSessionStatus> {
    return this.answer(id, (runner) => runner.userBargeIn(text));
  }

  /** The caller hangs up now, whatever the bot is doing; answers once the session is saved. */
  async hangup(id: string): Promise<LiveSessionStatus> {
    const session = this.get(id);
    if (session.runner.ended) throw new HostError('conflict', 'the session has ended');
    session.runner.hangUp();
    await session.saved;
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

  /** Host shutdown: ends every live session (saving it), then forgets them all. */
  async close(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.stop(id).catch(() => undefined)));
    this.ended.clear();
  }

  // ── internals ──────────────────────────────────────────────────────────────

  /** Something the user does while the bot waits for them; answers when the bot waits again or the run ends. */
  private async answer(id: string, act: (runner: DialogRunner) => void): Promise<LiveSessionStatus> {
    const session = this.get(id);
    session.idle.touch();
    if (!session.runner.waitingForUser) {
      throw new HostError('conflict', session.runner.ended ? 'the session has ended' : 'the bot is not waiting for the user yet');
    }
    await this.untilTurnEnds(session, () => act(session.runner));
    return this.statusOf(session);
  }

  /** Does `act`, then waits until the bot waits for the user again or the run ends (bounded). */
  private async untilTurnEnds(session: LiveSession, act: () => void): Promise<void> {
    const turnEnded = session.turn.wait();
    act();
    if (session.runner.ended || session.runner.waitingForUser) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([turnEnded, new Promise<void>((ok) => (timer = setTimeout(ok, SETTLE_LIMIT_MS * Math.max(1, session.timeScale))))]);
    clearTimeout(timer);
  }

  private async save(session: LiveSession): Promise<void> {
    const run = session.runner.outcome;
    if (run === null) {
      session.journal?.close();
      return;
    }
    session.clock.dispose();
    await session.http.close().catch(() => undefined);
    const exchanges = session.recorder.exchanges;
    if (session.journal !== null) await this.attachFaults(session, session.journal);
    const doc = buildSession(
      {
        id: session.id,
        startedAt: session.startedAt,
        flow: session.flow,
        flowFile: session.flowFile,
        mocks:
          session.mocksFile !== null
            ? { file: session.mocksFile, sha256: await this.mocksSha(session.mocksFile), baseUrl: session.apiUrl }
            : { baseUrl: session.apiUrl },
        clock: 'real',
        timeScale: session.timeScale,
        seed: session.seed,
      },
      run,
      exchanges,
    );
    await this.store.use((s) => s.sessions.save(doc, new Date().toISOString()));
  }

  /** Which fault and latency the mock server decided for each exchange, from its journal entry. */
  private async attachFaults(session: LiveSession, journal: SessionJournal): Promise<void> {
    const exchanges = session.recorder.exchanges;
    const served = exchanges.flatMap((e) => (e.id !== undefined && servedBy(e.request.url, session.apiUrl) ? [e.id] : []));
    try {
      await journal.settle(served, JOURNAL_WAIT_MS);
      journal.attach(exchanges, session.timeScale);
    } finally {
      journal.close();
    }
  }

  private async mocksSha(file: string): Promise<string> {
    return this.files.mocks(file).then(contentSha256, () => '');
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
      audioEnd: s.runner.audioEnd,
      noInputAt: s.runner.noInputAt,
      trace: [...s.trace],
      saved: s.saved !== null,
    };
  }

  private get(id: string): LiveSession {
    const session = this.live.get(id);
    if (!session) {
      throw new HostError(
        'not_found',
        `no live session ${id} (an ended session leaves memory ${describeMs(this.limits.keepEndedMs)} after it ended; its recording is in the library)`,
      );
    }
    return session;
  }
}

/** Whether a request went to the API at `apiUrl`: a relative URL, or an absolute one under it. */
function servedBy(url: string, apiUrl: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) return true;
  return url.startsWith(apiUrl.replace(/\/+$/, '') + '/');
}

/** `30 minutes`, `10 s`, `250 ms`. */
function describeMs(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
