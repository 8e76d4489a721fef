import { SYS_NO_INPUT_COUNT } from '../api/formats/flow';
import type { TimerHandle } from './clock';
import { TaskPriority } from './clock';
import { HangupWatch } from './hangup';
import type { DeadAirSource } from './hangup';
import type { RunHost } from './run-host';
import { speechMs } from './speech';
import type { HangupTrigger, TurnStep, UserSource } from './user-source';

/** The default pause before a scripted message (rule 2). */
const VOICE_PAUSE_MS = 300;
/** Each DTMF key lasts this long (rule 12). */
export const DTMF_KEY_MS = 100;

/** What is on its way while the bot waits: a message, a declared silence, or a try at talking over it. */
type Pending = 'message' | 'silence' | 'barge-in' | null;

/**
 * The user's turns (SPEC §3 rule 2 and §7.1 rules 10–13): at each red arrow, the next
 * scripted step (or a live person) answers. Messages arrive when the user stops speaking;
 * silence or a late message lets the no-input timer fire; a message started before the
 * bot's audio ends talks over it; DTMF keys are messages of 100 ms per key; a hang-up step
 * is handed to the hang-up watch.
 */
export class UserTurns implements DeadAirSource {
  /** Made when a hang-up step first becomes current (most scripts have none). */
  private hangups: HangupWatch | null = null;
  private readonly steps: readonly TurnStep[];
  private readonly live: boolean;
  private readonly voice: boolean;
  private index = 0;
  /** The module the red arrow leads to, while the bot waits for the user. */
  private target: string | null = null;
  private turnEnd = 0;
  /** `w = max(turn end, audio end)`: when the bot started waiting. */
  private ready = 0;
  private pending: Pending = null;
  private noInputTimer: TimerHandle | null = null;
  private noInputCount = 0;
  private userSpeechEnd = 0;
  private waitEndedAt = 0;

  constructor(
    private readonly host: RunHost,
    source: UserSource,
    /** A no_input handler exists and the no-input timer is on. */
    private readonly noInputOn: boolean,
  ) {
    this.steps = source.kind === 'script' ? source.steps : [];
    this.live = source.kind === 'live';
    this.voice = host.flow.channel === 'voice';
  }

  /** The run starts: a hang-up written first is current at once (due now, it runs once the start's green chain is done). */
  start(): void {
    this.waitEndedAt = this.host.clock.now();
    const first = this.steps[0];
    if (first?.kind === 'hangup') this.hangupBecomesCurrent(first.trigger);
  }

  /** The bot is waiting for the user (dead air does not count then). */
  waiting(): boolean {
    return this.target !== null;
  }

  /** Dead air can begin only once the last sound and the last wait are over. */
  busyUntil(): number {
    return Math.max(this.waitEndedAt, this.host.audio.audioEnd, this.userSpeechEnd);
  }

  /** The module the bot will run when the user answers, while it waits; else null. */
  get awaiting(): string | null {
    return this.target;
  }

  /** When the no-input timer of the current wait fires, while it runs. */
  get noInputAt(): number | null {
    return this.noInputTimer?.at ?? null;
  }

  /** The bot waits for the user and nothing is on its way (live sessions may answer). */
  get waitingForUser(): boolean {
    return this.target !== null && this.pending === null;
  }

  /** Rule 2: a red arrow to `target` ends the bot's turn; the user's next step follows. */
  endTurn(target: string): void {
    const now = this.host.clock.now();
    this.target = target;
    this.turnEnd = now;
    this.ready = this.voice ? Math.max(now, this.host.audio.audioEnd) : now;
    this.hangups?.waitStarted();
    if (this.live) {
      if (this.noInputOn) this.scheduleNoInput();
      return;
    }
    this.takeStep();
  }

  // ── a live person ──────────────────────────────────────────────────────────

  /** Text from a live user: it starts once the bot's audio is done. */
  liveSay(text: string): void {
    this.requireWaiting();
    this.cancelNoInput();
    this.deliver(text, 'speech', Math.max(this.host.clock.now(), this.host.audio.audioEnd));
  }

  /** Key presses from a live user (voice only). */
  liveDtmf(keys: string): void {
    this.requireWaiting();
    if (!this.voice) throw new Error(`DTMF keys need a voice flow; this flow's channel is ${this.host.flow.channel}`);
    this.cancelNoInput();
    this.deliver(keys, 'dtmf', Math.max(this.host.clock.now(), this.host.audio.audioEnd));
  }

  /** A live user talks now, over the bot's audio if it is still playing (rule 11). */
  liveBargeIn(text: string): void {
    this.requireWaiting();
    const now = this.host.clock.now();
    if (this.voice && now < this.host.audio.audioEnd) this.bargeIn(text, now);
    else this.liveSay(text);
  }

  /** A live user stays silent at this wait: the no-input timer, when on, will fire (rule 10). */
  liveSilent(): void {
    this.requireWaiting();
    if (this.noInputTimer !== null) this.pending = 'silence';
  }

  // ── a script ─────────────────────────────────────────────────────────────────

  /** Plays the current step at this wait; consumed silences and ignored words move on to the next. */
  private takeStep(): void {
    const noInputOn = this.noInputOn;
    for (;;) {
      const step = this.steps[this.index];
      if (step === undefined) {
        this.host.finish('awaiting_user', undefined);
        return;
      }
      if (step.kind === 'hangup') {
        // The caller says nothing more: the bot waits until the hang-up (or its no-input timer).
        this.hangups?.armAfterWait(this.ready);
        if (noInputOn) this.scheduleNoInput();
        else if ('deadAirMs' in step.trigger) this.host.finish('awaiting_user', undefined);
        return;
      }
      if (step.kind === 'silence') {
        if (noInputOn) {
          this.pending = 'silence';
          this.scheduleNoInput();
          return;
        }
        this.advance();
        continue;
      }
      const start = this.startOf(step);
      if (noInputOn && start >= this.ready + (this.host.flow.noInputMs ?? 0)) {
        this.scheduleNoInput();
        return;
      }
      this.advance();
      if (this.voice && step.via === 'speech' && start < this.host.audio.audioEnd) this.bargeIn(step.text, start);
      else this.deliver(step.text, step.via, start);
      return;
    }
  }

  /** When a scripted message starts (rules 2 and 11), never before now. */
  private startOf(step: Extract<TurnStep, { kind: 'say' }>): number {
    const now = this.host.clock.now();
    const talkOver = this.voice && step.via === 'speech';
    if (step.at !== null) {
      // A recorded start; a recorded barge-in (negative afterMs) may start before the audio ends.
      const barge = talkOver && (step.afterMs ?? 0) < 0;
      return Math.max(now, barge ? Math.max(this.turnEnd, step.at) : Math.max(this.ready, step.at));
    }
    const after = step.afterMs ?? (this.voice ? VOICE_PAUSE_MS : 0);
    if (after < 0 && talkOver) return Math.max(now, this.turnEnd, this.host.audio.audioEnd + after);
    return Math.max(now, this.ready + after);
  }

  /** The current step is consumed; a hang-up right after it becomes current. */
  private advance(): void {
    this.index++;
    const next = this.steps[this.index];
    if (next?.kind === 'hangup') this.hangupBecomesCurrent(next.trigger);
  }

  private hangupBecomesCurrent(trigger: HangupTrigger): void {
    this.hangups ??= new HangupWatch(this.host, this);
    this.hangups.current(trigger);
  }

  // ── messages, barge-in, no-input ────────────────────────────────────────────

  /** The user starts at `start`; the message reaches the bot when they stop (voice) or at once. */
  private deliver(text: string, via: 'speech' | 'dtmf', start: number): void {
    const flow = this.host.flow;
    const duration = via === 'dtmf' ? DTMF_KEY_MS * text.length : this.voice ? speechMs(text, flow.speech.wpm) : 0;
    const end = start + duration;
    this.pending = 'message';
    this.userSpeechEnd = Math.max(this.userSpeechEnd, end);
    this.host.later(end, TaskPriority.user, () => {
      this.pending = null;
      const target = this.target;
      if (target === null) return;
      this.host.trace.push({ type: 'user', t: this.host.clock.now(), text, start, end, ...(via === 'dtmf' ? { via } : {}) });
      this.waitEnds();
      this.resetNoInputCount();
      this.host.hear(target, text);
    });
  }

  /** Rule 11: words started at `start`, before the bot's audio ends. */
  private bargeIn(text: string, start: number): void {
    this.pending = 'barge-in';
    this.host.later(start, TaskPriority.user, () => {
      this.pending = null;
      const audio = this.host.audio;
      const playing = audio.playingAt(start);
      if (playing !== undefined && !playing.bargeIn) {
        const end = start + speechMs(text, this.host.flow.speech.wpm);
        this.userSpeechEnd = Math.max(this.userSpeechEnd, end);
        this.host.trace.push({ type: 'user', t: this.host.clock.now(), text, start, end, ignored: true });
        if (!this.live) this.takeStep();
        return;
      }
      this.cancelNoInput();
      audio.cut(start);
      this.deliver(text, 'speech', start);
    });
  }

  private scheduleNoInput(): void {
    this.cancelNoInput();
    const at = this.ready + (this.host.flow.noInputMs ?? 0);
    this.noInputTimer = this.host.later(at, TaskPriority.user, () => {
      this.noInputTimer = null;
      const target = this.target;
      if (target === null) return;
      if (this.steps[this.index]?.kind === 'silence') this.advance();
      this.pending = null;
      this.waitEnds();
      this.noInputCount++;
      this.host.noInput(target, this.noInputCount);
    });
  }

  private cancelNoInput(): void {
    if (this.noInputTimer !== null) this.host.cancel(this.noInputTimer);
    this.noInputTimer = null;
  }

  private waitEnds(): void {
    this.target = null;
    this.waitEndedAt = this.host.clock.now();
    this.hangups?.waitEnded();
  }

  /** Rule 10: the count of consecutive no-inputs goes back to 0 when a message arrives. */
  private resetNoInputCount(): void {
    this.noInputCount = 0;
    const current = this.host.contexts.get(SYS_NO_INPUT_COUNT);
    if (current !== undefined && current !== 0) this.host.contexts.set(SYS_NO_INPUT_COUNT, 0, 'system');
  }

  private requireWaiting(): void {
    if (!this.waitingForUser) throw new Error('the bot is not waiting for the user');
  }
}
