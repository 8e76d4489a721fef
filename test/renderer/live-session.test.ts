import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../main/api/formats/trace';
import { MIN_CHAT_DEAD_AIR_MS, chatEntries, speechState } from '../../renderer/src/sessions/chat-log';
import { liveDeadAir, waitsForUser } from '../../renderer/src/sessions/live-dead-air';
import { slowApiTrace } from './fixtures/slow-api-trace';

/** The slow-API conversation as it stood at some moment: the events up to time t. */
const until = (t: number): TraceEvent[] => slowApiTrace.filter((e) => e.t <= t);

describe('live dead air', () => {
  it('knows when the bot waits for the user: after a red arrow, until the user speaks', () => {
    expect(waitsForUser(until(0))).toBe(true);
    expect(waitsForUser(until(3200))).toBe(false);
    expect(waitsForUser(slowApiTrace)).toBe(false);
  });

  it('has none while the bot waits for the user', () => {
    expect(liveDeadAir(until(0), 2300, true)).toEqual([]);
  });

  it('grows from the end of the hold message while the bot waits for the API', () => {
    // At 6000 ms: "One moment while I check." ended at 5200; the await runs until 7700.
    expect(liveDeadAir(until(6000), 6000, true)).toEqual([{ start: 5200, end: 6000 }]);
    expect(liveDeadAir(until(7000), 7000, true)).toEqual([{ start: 5200, end: 7000 }]);
  });

  it('is the trace’s own once the conversation is over', () => {
    expect(liveDeadAir(slowApiTrace, 20_000, false)).toEqual([{ start: 5200, end: 8000 }]);
  });

  it('has no dead air in chat conversations', () => {
    const chat: TraceEvent[] = [{ type: 'start', t: 0, flow: 'f', channel: 'chat', seed: 1 }];
    expect(liveDeadAir(chat, 5000, true)).toEqual([]);
  });
});

describe('chat of a session', () => {
  it('says where a message is on the audio channel', () => {
    expect([speechState(100, 200, 50), speechState(100, 200, 150), speechState(100, 200, 200)]).toEqual(['queued', 'speaking', 'spoken']);
  });

  it('lists messages, requests, answers, dead air and the end in time order', () => {
    const entries = chatEntries(slowApiTrace, liveDeadAir(slowApiTrace, 9600, false), 9600, false);
    expect(entries.map((e) => `${e.kind}@${e.at}`)).toEqual(['bot@0', 'user@2400', 'request@3200', 'bot@3200', 'dead-air@5200', 'answer@8000', 'bot@8000', 'end@8000']);
    const answer = entries.find((e) => e.kind === 'answer');
    expect(answer?.kind === 'answer' && answer.text).toBe('status 200 after 4800 ms');
  });

  it('shows what is being said now and what is still queued', () => {
    const entries = chatEntries(slowApiTrace, [], 8500, true);
    const speech = entries.filter((e) => e.kind === 'bot').map((e) => (e.kind === 'bot' ? e.speech : null));
    expect(speech).toEqual(['spoken', 'spoken', 'speaking']);
    const early = chatEntries(until(3200), [], 3000, true).filter((e) => e.kind === 'bot');
    expect(early.map((e) => (e.kind === 'bot' ? e.speech : null))).toEqual(['spoken', 'queued']);
  });

  it('marks the dead air that is still growing and leaves out jitter-sized gaps', () => {
    const growing = chatEntries(until(6000), liveDeadAir(until(6000), 6000, true), 6000, true).filter((e) => e.kind === 'dead-air');
    expect(growing).toEqual([{ kind: 'dead-air', key: 'dead-air-5200', at: 5200, start: 5200, end: 6000, growing: true }]);
    const tiny = chatEntries(slowApiTrace, [{ start: 3200, end: 3200 + MIN_CHAT_DEAD_AIR_MS - 1 }], 9600, false);
    expect(tiny.some((e) => e.kind === 'dead-air')).toBe(false);
  });
});
