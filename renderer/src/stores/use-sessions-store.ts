import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { TraceEvent } from '../../../main/api/formats/trace';
import type { LiveSessionStatus } from '../../../main/api/routes/sessions';
import { callLength } from '../../../main/api/trace/call-length';
import { useClient } from '../api/client';
import { liveDeadAir } from '../sessions/live-dead-air';
import { SeqTrace } from '../timeline/seq-trace';
import { errorMessage } from './error-message';
import { useRecordingsStore } from './use-recordings-store';

/** How a live session is started: the flow, what it talks to, and how fast the clock runs. */
export interface StartOptions {
  flowFile: string;
  /** A real API instead of the workbench's mock server. */
  baseUrl: string | null;
  /** 1 = real time; 0.25 = every delay and timeout 4× shorter. */
  timeScale: number;
}

/** What the user did, on its way to the bot (the chat shows it until the trace does). */
export type PendingAction = { kind: 'say' | 'barge-in' | 'dtmf' | 'silence' | 'hangup'; text: string; from: number };

/** How often the live clock moves on screen. */
const TICK_MS = 100;

/**
 * The live session: a chat with a flow on the real clock, its trace filled in from
 * sessions.trace as it happens (each event at its `seq`, merged exactly with the statuses the
 * host returns). When it ends it is saved and shows among the recordings.
 */
export const useSessionsStore = defineStore('sessions', () => {
  const live = shallowRef<LiveSessionStatus | null>(null);
  const liveTrace = shallowRef<readonly TraceEvent[]>([]);
  const liveTimeScale = ref(1);
  const starting = ref(false);
  const sending = ref(false);
  const stopping = ref(false);
  const liveError = ref<string | null>(null);
  /** The message (or key presses, silence, hang-up) on its way to the bot, and how long the trace was when it was sent. */
  const pending = ref<PendingAction | null>(null);
  /** Conversation time now (ms): the host's clock, carried on between its reports. */
  const nowT = ref(0);

  const running = computed(() => live.value?.running ?? false);
  const waitingForUser = computed(() => live.value !== null && live.value.running && live.value.waitingForUser && !sending.value);
  const deadAir = computed(() => liveDeadAir(liveTrace.value, nowT.value, running.value));
  /**
   * The end of the call (its end or its last sound, whichever is later; speech cut by a
   * hang-up only to its cut): once the session has ended the clock runs on until then, so
   * queued speech shows as it plays, and stops there.
   */
  const soundEnd = computed(() => callLength(liveTrace.value));

  // The trace of the session by id, each live event at its index (seq): exact, whatever order
  // the live events and the host's status answers come in.
  const traces = new Map<string, SeqTrace>();
  let currentId: string | null = null;
  let unsubscribe: (() => void) | null = null;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let ticker: ReturnType<typeof setInterval> | null = null;
  let anchor = { conv: 0, wall: 0 };
  /** A sessions.status on its way to fill in live events that were missed. */
  let catchingUp = false;

  function listen(): void {
    unsubscribe ??= useClient().on('sessions.trace', (payload) => onEvent(payload.id, payload.seq, payload.event));
  }

  function traceOf(id: string): SeqTrace {
    let trace = traces.get(id);
    if (trace === undefined) {
      trace = new SeqTrace();
      traces.set(id, trace);
    }
    return trace;
  }

  function onEvent(id: string, seq: number, event: TraceEvent): void {
    // While a session starts its id is not known yet: keep every session's events until then.
    if (id !== currentId && !starting.value) return;
    const trace = traceOf(id);
    if (!trace.place(seq, event) || id !== currentId) return;
    if (event.t > extrapolated()) anchor = { conv: event.t, wall: performance.now() };
    if (trace.missing > 0) catchUp(id);
    scheduleFlush();
    // The session ended by itself (a no-input handler handed over, a timeout) while the user
    // did nothing: take its final status (the clock stops) and list the recording.
    if (event.type === 'end' && live.value?.id === id && live.value.running) void finish(id);
  }

  /** A live event was missed (it arrived after a later one): the host's status has it. */
  function catchUp(id: string): void {
    if (catchingUp) return;
    catchingUp = true;
    useClient()
      .call('sessions.status', { id })
      .then((status) => sync(status.id, status.trace))
      .catch(() => undefined)
      .finally(() => (catchingUp = false));
  }

  /** The host's trace so far (a status it returned): each event at its index. */
  function sync(id: string, trace: readonly TraceEvent[]): void {
    traceOf(id).merge(trace);
    if (id === currentId) flush();
  }

  function scheduleFlush(): void {
    flushTimer ??= setTimeout(flush, 50);
  }

  function flush(): void {
    if (flushTimer !== null) clearTimeout(flushTimer);
    flushTimer = null;
    if (currentId === null) return;
    liveTrace.value = markRaw(traceOf(currentId).events());
  }

  function extrapolated(): number {
    return anchor.conv + (performance.now() - anchor.wall) / liveTimeScale.value;
  }

  function tick(): void {
    const next = running.value ? extrapolated() : Math.min(extrapolated(), Math.max(soundEnd.value, live.value?.now ?? 0));
    nowT.value = Math.max(nowT.value, Math.round(next));
    if (!running.value && nowT.value >= soundEnd.value) stopTicking();
  }

  function startTicking(): void {
    ticker ??= setInterval(tick, TICK_MS);
  }

  function stopTicking(): void {
    if (ticker !== null) clearInterval(ticker);
    ticker = null;
  }

  function adopt(status: LiveSessionStatus): void {
    currentId = status.id;
    for (const id of traces.keys()) if (id !== currentId) traces.delete(id);
    live.value = markRaw(status);
    sync(status.id, status.trace);
    anchor = { conv: status.now, wall: performance.now() };
    // While the host answered, the clock on screen ran on; an ended session's clock goes back
    // to the call's end if it ran past it (the tick then plays any speech still queued).
    const end = status.running ? Infinity : Math.round(Math.max(callLength(status.trace), status.now));
    nowT.value = Math.min(end, Math.max(nowT.value, Math.round(status.now)));
    startTicking();
  }

  async function start(options: StartOptions): Promise<boolean> {
    if (starting.value || running.value) return false;
    listen();
    starting.value = true;
    liveError.value = null;
    live.value = null;
    liveTrace.value = [];
    pending.value = null;
    nowT.value = 0;
    liveTimeScale.value = options.timeScale;
    try {
      const status = await useClient().call('sessions.start', {
        flowFile: options.flowFile,
        timeScale: options.timeScale,
        ...(options.baseUrl !== null ? { baseUrl: options.baseUrl } : {}),
      });
      adopt(status);
      if (!status.running) await finish(status.id);
      return true;
    } catch (e) {
      liveError.value = errorMessage(e);
      return false;
    } finally {
      starting.value = false;
    }
  }

  /** The user's message (typed, or spoken over the bot's speech with `over`). */
  async function say(text: string, over = false): Promise<void> {
    const message = text.trim();
    if (message === '') return;
    await act({ kind: over ? 'barge-in' : 'say', text: message }, (id) =>
      over ? useClient().call('sessions.bargeIn', { id, text: message }) : useClient().call('sessions.say', { id, text: message }),
    );
  }

  /** Key presses (voice): 100 ms per key, the keys are the message. */
  async function dtmf(keys: string): Promise<void> {
    if (keys === '') return;
    await act({ kind: 'dtmf', text: keys }, (id) => useClient().call('sessions.dtmf', { id, keys }));
  }

  /** The caller says nothing at this wait (voice): the no-input handler answers when its timer fires. */
  async function silence(): Promise<void> {
    await act({ kind: 'silence', text: '' }, (id) => useClient().call('sessions.silence', { id }));
  }

  /** The caller hangs up now, whatever the bot is doing; the session ends and is saved. */
  async function hangup(): Promise<void> {
    if (stopping.value) return;
    await act({ kind: 'hangup', text: '' }, (id) => useClient().call('sessions.hangup', { id }), true);
  }

  /** One thing the user does; `anyTime`: also while the bot works or another action is on its way. */
  async function act(action: Omit<PendingAction, 'from'>, send: (id: string) => Promise<LiveSessionStatus>, anyTime = false): Promise<void> {
    const id = live.value?.id;
    if (id === undefined || !running.value || (sending.value && !anyTime)) return;
    const ownsSending = !sending.value;
    sending.value = true;
    liveError.value = null;
    if (ownsSending || anyTime) pending.value = { ...action, from: liveTrace.value.length };
    try {
      const status = await send(id);
      adopt(status);
      if (!status.running) await finish(id);
    } catch (e) {
      if (running.value) liveError.value = errorMessage(e);
    } finally {
      if (ownsSending) sending.value = false;
      if (ownsSending || anyTime) pending.value = null;
    }
  }

  /** Ends the live session (it is saved) and shows it in the list of recordings. */
  async function stop(): Promise<void> {
    const id = live.value?.id;
    if (id === undefined || stopping.value) return;
    await finish(id);
  }

  /** The session's ending, once: an `end` event and the answer of the user's last action may both ask for it. */
  let finishing: { id: string; done: Promise<void> } | null = null;

  function finish(id: string): Promise<void> {
    if (finishing?.id !== id) finishing = { id, done: saveAndList(id) };
    return finishing.done;
  }

  async function saveAndList(id: string): Promise<void> {
    stopping.value = true;
    try {
      // sessions.stop also waits for the recording of a session that ended by itself.
      adopt(await useClient().call('sessions.stop', { id }));
      // The recording is saved: list it, selected for replay.
      const recordings = useRecordingsStore();
      await recordings.refresh();
      if (recordings.items.some((s) => s.id === id)) await recordings.select(id);
    } catch (e) {
      liveError.value = errorMessage(e);
      if (finishing?.id === id) finishing = null;
    } finally {
      stopping.value = false;
    }
  }

  function clearLive(): void {
    if (running.value) return;
    live.value = null;
    liveTrace.value = [];
    currentId = null;
    traces.clear();
    nowT.value = 0;
    stopTicking();
  }

  return {
    live,
    liveTrace,
    liveTimeScale,
    starting,
    sending,
    stopping,
    liveError,
    pending,
    nowT,
    running,
    waitingForUser,
    deadAir,
    listen,
    start,
    say,
    dtmf,
    silence,
    hangup,
    stop,
    clearLive,
  };
});
