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

/** Wakes everyone waiting for the next end of the bot's turn. */
class TurnSignal {
  private waiters: (() => void)[] = [];

  wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  signal(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

const SETTLE_LIMIT_MS = 120_000;
const MAX_LIVE_SESSIONS = 20;
const JOURNAL_WAIT_ATTEMPTS = 25;

/** Live sessions: a flow on the real clock, a person typing, every exchange recorded and saved. */
export class LiveSessionService {
  private readonly live = new Map<string, LiveSession>();

  constructor(
    private readonly files: ExampleFiles,
    private readonly mocks: MockService,
    private readonly store: StoreService,
    private readonly onTrace: (id: string, seq: number, event: TraceEvent) => void,
  ) {}

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
      mocksFile: input.baseUrl === undefined ? served.file : null,
      apiUrl: baseUrl,
      baseUrl: input.baseUrl ?? null,
      viaMockServer: input.baseUrl === undefined,
      timeScale: input.timeScale,
      seed,
      trace,
      turn,
      saved: null,
    };
    runner.onEnd(() => {
      session.saved = this.save(session);
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

  /** Host shutdown: ends every live session (saving it). */
  async close(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.stop(id).catch(() => undefined)));
  }

  // ── internals ──────────────────────────────────────────────────────────────

  /** Something the user does while the bot waits for them; answers when the bot waits again or the run ends. */
  private async answer(id: string, act: (runner: DialogRunner) => void): Promise<LiveSessionStatus> {
    const session = this.get(id);
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

  /**
   * Which fault and latency the mock server decided for each exchange, from its journal. An exchange
   * the bot gave up on is journaled when the server sees the socket close: wait a little.
   */
  private async attachFaults(session: LiveSession): Promise<void> {
    let entries: { module: string | null; path: string; fault: string | null; latencyMs: number }[] = [];
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
      const entry = entries[index];
      exchange.fault = entry?.fault ?? null;
      // The journal holds wall-clock ms (the server applied the latency at the session's time scale).
      if (entry !== undefined) exchange.serverLatencyMs = Math.round(entry.latencyMs / session.timeScale);
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
    if (!session) throw new HostError('not_found', `no live session ${id}`);
    return session;
  }
}
