import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { TraceEvent } from '../../../main/api/formats/trace';
import type { LiveSessionStatus } from '../../../main/api/routes/sessions';
import { useClient } from '../api/client';
import { liveDeadAir } from '../sessions/live-dead-air';
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

/** How often the live clock moves on screen. */
const TICK_MS = 100;

/**
 * The live session: a chat with a flow on the real clock, its trace filled in from
 * sessions.trace as it happens. When it ends it is saved and shows among the recordings.
 */
export const useSessionsStore = defineStore('sessions', () => {
  const live = shallowRef<LiveSessionStatus | null>(null);
  const liveTrace = shallowRef<readonly TraceEvent[]>([]);
  const liveTimeScale = ref(1);
  const starting = ref(false);
  const sending = ref(false);
  const stopping = ref(false);
  const liveError = ref<string | null>(null);
  /** The message on its way to the bot, and how long the trace was when it was sent. */
  const pending = ref<{ text: string; from: number } | null>(null);
  /** Conversation time now (ms): the host's clock, carried on between its reports. */
  const nowT = ref(0);

  const running = computed(() => live.value?.running ?? false);
  const waitingForUser = computed(() => live.value !== null && live.value.running && live.value.waitingForUser && !sending.value);
  const deadAir = computed(() => liveDeadAir(liveTrace.value, nowT.value, running.value));
  /** The end of the last sound: the clock keeps moving until then, so speech shows as it plays. */
  const soundEnd = computed(() => liveTrace.value.reduce((end, e) => (e.type === 'say' || e.type === 'user' ? Math.max(end, e.end) : end), 0));

  // Events of every session by id, in the order the host sent them (each lands at its index).
  const buffers = new Map<string, TraceEvent[]>();
  const counts = new Map<string, number>();
  let currentId: string | null = null;
  let unsubscribe: (() => void) | null = null;
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let ticker: ReturnType<typeof setInterval> | null = null;
  let anchor = { conv: 0, wall: 0 };

  function listen(): void {
    unsubscribe ??= useClient().on('sessions.trace', (payload) => onEvent(payload.id, payload.event));
  }

  function onEvent(id: string, event: TraceEvent): void {
    const index = counts.get(id) ?? 0;
    counts.set(id, index + 1);
    const buffer = buffers.get(id) ?? [];
    buffers.set(id, buffer);
    // Already known from a status the host returned: nothing new.
    if (index < buffer.length) return;
    buffer.push(event);
    if (id !== currentId) return;
    if (event.t > extrapolated()) anchor = { conv: event.t, wall: performance.now() };
    scheduleFlush();
  }

  /** The host's own list of events is the truth: take it when it is longer than what came live. */
  function sync(id: string, trace: readonly TraceEvent[]): void {
    const buffer = buffers.get(id) ?? [];
    if (trace.length >= buffer.length) buffers.set(id, [...trace]);
    if (id === currentId) flush();
  }

  function scheduleFlush(): void {
    flushTimer ??= setTimeout(flush, 50);
  }

  function flush(): void {
    if (flushTimer !== null) clearTimeout(flushTimer);
    flushTimer = null;
    if (currentId === null) return;
    liveTrace.value = markRaw([...(buffers.get(currentId) ?? [])]);
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
    live.value = markRaw(status);
    sync(status.id, status.trace);
    anchor = { conv: status.now, wall: performance.now() };
    nowT.value = Math.max(nowT.value, Math.round(status.now));
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

  async function say(text: string): Promise<void> {
    const id = live.value?.id;
    const message = text.trim();
    if (id === undefined || message === '' || sending.value || !running.value) return;
    sending.value = true;
    liveError.value = null;
    pending.value = { text: message, from: liveTrace.value.length };
    // A safety net for a missed live event: the host's status now and then while the bot works.
    const poll = setInterval(() => {
      void useClient()
        .call('sessions.status', { id })
        .then((status) => sync(status.id, status.trace))
        .catch(() => undefined);
    }, 1000);
    try {
      const status = await useClient().call('sessions.say', { id, text: message });
      adopt(status);
      if (!status.running) await finish(id);
    } catch (e) {
      liveError.value = errorMessage(e);
    } finally {
      clearInterval(poll);
      sending.value = false;
      pending.value = null;
    }
  }

  /** Ends the live session (it is saved) and shows it in the list of recordings. */
  async function stop(): Promise<void> {
    const id = live.value?.id;
    if (id === undefined || stopping.value) return;
    await finish(id);
  }

  async function finish(id: string): Promise<void> {
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
    } finally {
      stopping.value = false;
    }
  }

  function clearLive(): void {
    if (running.value) return;
    live.value = null;
    liveTrace.value = [];
    currentId = null;
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
    stop,
    clearLive,
  };
});
