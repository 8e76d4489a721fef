import type { JsonValue } from '../api/formats/common';
import { ApiModules } from './api-modules';
import type { EndState } from '../api/formats/scenario';
import { assertNever } from '../api/formats/trace';
import type { TraceEvent } from '../api/formats/trace';
import type { Clock, TimerHandle } from './clock';
import { TaskPriority } from './clock';
import { CodeRunner } from './code-runner';
import type { CodeSandbox } from './code-sandbox';
import type { CompiledFlow, CompiledModule } from './compiled-flow';
import { ContextStore } from './context-store';
import { endpointHooks } from './endpoint-hooks';
import type { EndpointHooks } from './endpoint-hooks';
import { runLambda } from './lambda-module';
import { RequestTracker, contextLookup } from './requests';
import type { Lookup } from '../expr/template';
import type { PortChoice } from './response-routing';
import { AudioChannel } from './speech';
import { capture, condition, count, say, setContexts } from './instant-modules';
import type { ModuleContext } from './instant-modules';
import { Interruptions, noInputOn } from './interruptions';
import type { RunHost } from './run-host';
import { TraceRecorder } from './trace';
import type { Transport } from './transport';
import type { UserSource } from './user-source';
import { UserTurns } from './user-turns';

/** More module entries than this without time moving on is an infinite loop (rule 1). */
export const LOOP_LIMIT = 1000;
export const DEFAULT_MAX_DURATION_MS = 3_600_000;
/** Module entries in one run before it ends in error (max_steps), whatever the time. */
export const MAX_STEPS = 100_000;

export interface RunOptions {
  flow: CompiledFlow;
  clock: Clock;
  transport: Transport;
  user: UserSource;
  seed: number;
  sessionId: string;
  maxDurationMs?: number;
  onEvent?: (event: TraceEvent) => void;
  /** Where lambda and hook code runs (SPEC §7.2); a flow with code needs one. */
  sandbox?: CodeSandbox;
}

export interface RunResult {
  endState: EndState;
  endReason: string | undefined;
  trace: TraceEvent[];
  contexts: Record<string, JsonValue>;
  /** Conversation time when the run ended. */
  virtualMs: number;
}

/**
 * Runs one conversation through a flow (SPEC §3) as a state machine on the clock's event
 * queue: green arrows run at once; the runner blocks on the user, a wait, a blocking API
 * or an await, and resumes when the clock delivers the event it waits for.
 */
export class DialogRunner {
  private readonly trace: TraceRecorder;
  private readonly contexts: ContextStore;
  private readonly requests: RequestTracker;
  private readonly code: CodeRunner;
  private readonly hooks: EndpointHooks;
  private readonly audio = new AudioChannel();
  private readonly timers = new Set<TimerHandle>();
  private readonly endListeners: ((result: RunResult) => void)[] = [];
  private readonly lookup: Lookup;
  private readonly api: ApiModules;
  private readonly turns: UserTurns;
  private readonly interruptions: Interruptions;
  private message: string | null = null;
  private entriesAtThisTime = 0;
  private steps = 0;
  private lastEntryTime = -1;
  private result: RunResult | null = null;

  constructor(private readonly options: RunOptions) {
    this.trace = new TraceRecorder(options.onEvent);
    this.contexts = new ContextStore(this.trace, () => this.options.clock.now());
    this.code = new CodeRunner({
      sandbox: options.sandbox,
      clock: options.clock,
      seed: options.seed,
      contexts: this.contexts,
      trace: this.trace,
      message: () => this.message ?? '',
    });
    this.hooks = endpointHooks(this.code);
    this.requests = new RequestTracker(options.clock, options.transport, this.trace, options.sessionId, this.hooks);
    this.lookup = contextLookup((name) => this.contexts.get(name));
    // One host object for the parts of the run, its callbacks bound once.
    const host: RunHost = {
      clock: options.clock,
      flow: options.flow.flow,
      trace: this.trace,
      audio: this.audio,
      contexts: this.contexts,
      later: this.later.bind(this),
      cancel: this.cancelTimer.bind(this),
      finish: this.finish.bind(this),
      hear: this.hear.bind(this),
      noInput: this.noInput.bind(this),
      restartLoopCount: this.restartLoopCount.bind(this),
    };
    this.interruptions = new Interruptions(host);
    this.api = new ApiModules({
      run: host,
      flow: options.flow,
      requests: this.requests,
      hooks: this.hooks,
      lookup: this.lookup,
      leave: this.leave.bind(this),
      resume: this.resume.bind(this),
      warn: this.warn.bind(this),
    });
    this.turns = new UserTurns(host, options.user, noInputOn(options.flow.flow));
  }

  get ended(): boolean {
    return this.result !== null;
  }

  /** The result once the run has ended, else null. */
  get outcome(): RunResult | null {
    return this.result;
  }

  /** True while the bot waits for the user (live sessions answer with `userSays`). */
  get waitingForUser(): boolean {
    return this.turns.waitingForUser && !this.ended;
  }

  /** When the bot's queued speech ends (conversation ms): a live user talking before then talks over it. */
  get audioEnd(): number {
    return this.audio.audioEnd;
  }

  /** When the no-input timer of the current wait fires (voice flows with a no_input handler), else null. */
  get noInputAt(): number | null {
    return this.ended ? null : this.turns.noInputAt;
  }

  onEnd(listener: (result: RunResult) => void): void {
    if (this.result) listener(this.result);
    else this.endListeners.push(listener);
  }

  start(): void {
    const { flow, clock } = this.options;
    this.trace.push({ type: 'start', t: clock.now(), flow: flow.flow.name, channel: flow.flow.channel, seed: this.options.seed });
    for (const [name, value] of Object.entries(flow.flow.contexts)) this.contexts.set(name, value, 'initial');
    this.later(this.options.maxDurationMs ?? DEFAULT_MAX_DURATION_MS, TaskPriority.guard, () => this.finish('error', 'max_duration'));
    this.turns.start();
    this.continueAt(flow.flow.start);
  }

  // Live users (sessions), only while the bot waits for the user (SPEC §7.1 rules 10–13).

  /** A live user's message. */
  userSays(text: string): void {
    this.turns.liveSay(text);
  }

  /** A live user's key presses (voice). */
  userDtmf(keys: string): void {
    this.turns.liveDtmf(keys);
  }

  /** A live user talks now, over the bot's audio when it is still playing. */
  userBargeIn(text: string): void {
    this.turns.liveBargeIn(text);
  }

  /** A live user stays silent: the no-input handler runs when the flow's timer fires. */
  userSilent(): void {
    this.turns.liveSilent();
  }

  /** The caller hangs up now, whatever the bot is doing. */
  hangUp(): void {
    if (!this.ended) this.finish('hangup', 'caller hung up');
  }

  /** Ends the run from outside (a live session closed, a test gave up). */
  stop(reason: string): void {
    if (!this.ended) this.finish(this.turns.awaiting !== null ? 'awaiting_user' : 'error', reason);
  }

  // ── running modules ──────────────────────────────────────────────────────────

  private continueAt(moduleId: string): void {
    let next: string | null = moduleId;
    while (next !== null && !this.ended) next = this.step(next);
  }

  private resume(module: CompiledModule, choice: PortChoice): void {
    if (this.ended) return;
    const next = this.leave(module, choice);
    if (next !== null) this.continueAt(next);
  }

  /** Enters one module; returns the module to run next at once, or null when blocked or ended. */
  private step(moduleId: string): string | null {
    const { clock, flow } = this.options;
    const now = clock.now();
    if (now !== this.lastEntryTime) {
      this.lastEntryTime = now;
      this.entriesAtThisTime = 0;
    }
    if (++this.entriesAtThisTime > LOOP_LIMIT) return this.interruptions.loop(moduleId);
    if (++this.steps > MAX_STEPS) {
      this.finish('error', 'max_steps');
      return null;
    }
    const compiled = flow.modules.get(moduleId);
    if (!compiled) {
      this.finish('error', `unknown_module:${moduleId}`);
      return null;
    }
    this.trace.push({ type: 'enter', t: now, module: moduleId });
    const module = compiled.module;
    switch (module.type) {
      case 'say':
        return this.leave(compiled, say(this.moduleContext(module.id), module.text, module.bargeIn ?? true));
      case 'capture':
        return this.leave(compiled, capture(this.moduleContext(module.id), compiled, module.save));
      case 'condition':
        return this.leave(compiled, condition(this.moduleContext(module.id), compiled));
      case 'context':
        return this.leave(compiled, setContexts(this.moduleContext(module.id), compiled, module.delete));
      case 'counter':
        return this.leave(compiled, count(this.moduleContext(module.id), module.name, module.max));
      case 'wait':
        this.later(now + module.ms, TaskPriority.timer, () => this.resume(compiled, { port: 'next', reason: `waited ${module.ms} ms` }));
        return null;
      case 'api':
        return this.api.callBlocking(compiled, module.endpoint);
      case 'api_async':
        return this.api.callAsync(compiled, module.endpoint);
      case 'api_await':
        return this.api.awaitResponse(compiled, module.endpoint, module.timeoutMs);
      case 'lambda':
        return this.leave(compiled, runLambda(this.code, module));
      case 'handover':
        this.finish('handover', undefined);
        return null;
      case 'end':
        this.finish('end', undefined);
        return null;
      default:
        return assertNever(module);
    }
  }

  /** Leaves by `port`: a green arrow returns the next module, a red one ends the bot's turn. */
  private leave(compiled: CompiledModule, choice: PortChoice): string | null {
    const now = this.options.clock.now();
    const target = compiled.ports.get(choice.port);
    this.trace.push({
      type: 'port',
      t: now,
      module: compiled.module.id,
      port: choice.port,
      reason: choice.reason,
      to: target?.to ?? null,
      arrow: target?.arrow ?? 'green',
    });
    if (!target) return this.interruptions.noLink(compiled.module.id, choice.port);
    if (target.arrow === 'red') {
      this.turns.endTurn(target.to);
      return null;
    }
    return target.to;
  }

  // ── the user's turns (user-turns.ts) and interruptions (interruptions.ts) call back ──

  private hear(target: string, text: string): void {
    this.message = text;
    this.continueAt(target);
  }

  private noInput(target: string, count: number): void {
    this.continueAt(this.interruptions.noInput(target, count));
  }

  private restartLoopCount(): void {
    this.entriesAtThisTime = 0;
  }

  // ── plumbing ─────────────────────────────────────────────────────────────────

  private moduleContext(moduleId: string): ModuleContext {
    const flow = this.options.flow.flow;
    return {
      now: this.options.clock.now(),
      channel: flow.channel,
      wpm: flow.speech.wpm,
      contexts: this.contexts,
      trace: this.trace,
      audio: this.audio,
      lookup: this.lookup,
      message: this.message ?? '',
      moduleId,
      warn: (kind, message) => this.warn(kind, message, moduleId),
    };
  }

  private warn(kind: 'missing_context' | 'map_error' | 'cel_error', message: string, module: string): void {
    this.trace.push({ type: 'warning', t: this.options.clock.now(), kind, message, module });
  }

  private later(at: number, priority: TaskPriority, task: () => void): TimerHandle {
    const handle = this.options.clock.schedule(at, priority, () => {
      this.timers.delete(handle);
      if (!this.ended) task();
    });
    this.timers.add(handle);
    return handle;
  }

  private cancelTimer(handle: TimerHandle): void {
    this.timers.delete(handle);
    this.options.clock.cancel(handle);
  }

  private finish(state: EndState, reason: string | undefined): void {
    if (this.result) return;
    const now = this.options.clock.now();
    if (state === 'hangup') {
      // Rule 13: speech in progress is cut, requests in flight are abandoned.
      this.audio.cut(now);
      this.requests.abandonAll(now);
    }
    this.trace.push({ type: 'end', t: now, state, ...(reason !== undefined ? { reason } : {}) });
    for (const handle of this.timers) this.options.clock.cancel(handle);
    this.timers.clear();
    this.requests.dropAll();
    this.result = {
      endState: state,
      endReason: reason,
      trace: this.trace.events,
      contexts: this.contexts.snapshot(),
      virtualMs: now,
    };
    for (const listener of this.endListeners.splice(0)) listener(this.result);
  }
}
