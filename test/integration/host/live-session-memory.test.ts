import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExampleFiles } from '../../../main/host/example-files';
import { HostError } from '../../../main/host/host-error';
import { LiveSessionService } from '../../../main/host/live-session-service';
import type { RetentionLimits } from '../../../main/host/live-session-retention';
import { MockService } from '../../../main/host/mock-service';
import { StoreService } from '../../../main/host/store-service';
import { examplesDir } from '../../support/paths';

/*
 * Live sessions leave memory: an ended session is kept a bounded time and only the latest
 * `maxEnded` of them; a session nobody acts on is abandoned (stopped and saved). Real mock
 * server, real SQLite library, real clock. The chat refund flow says its question and waits
 * for the user at once, so each session starts in a few milliseconds.
 */
const FLOW = 'flows/refund-chat.flow.yaml';
const HOUR = 3_600_000;

let dir: string;
let files: ExampleFiles;
let mocks: MockService;
let store: StoreService;
let service: LiveSessionService | null = null;

function serviceWith(limits: RetentionLimits): LiveSessionService {
  service = new LiveSessionService(files, mocks, store, () => undefined, limits);
  return service;
}

async function savedIds(): Promise<string[]> {
  return store.use((s) => s.sessions.list(1000, 0).map((summary) => summary.id));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowbench-live-memory-'));
  cpSync(examplesDir, join(dir, 'examples'), { recursive: true });
  files = new ExampleFiles(join(dir, 'examples'));
  mocks = new MockService({ files, onJournal: () => undefined });
  store = new StoreService(join(dir, 'db.sqlite'));
  await mocks.start({ file: 'mocks/shop.mocks.yaml' });
});

afterEach(async () => {
  await service?.close();
  service = null;
});

afterAll(async () => {
  await mocks.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('live sessions leave memory', () => {
  it('keeps at most maxEnded ended sessions, however many were started and ended', async () => {
    const live = serviceWith({ keepEndedMs: HOUR, maxEnded: 3, idleMs: HOUR });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const started = await live.start({ flowFile: FLOW, timeScale: 1 });
      expect(started.waitingForUser).toBe(true);
      ids.push(started.id);
      const stopped = await live.stop(started.id);
      expect(stopped.saved).toBe(true);
      // Never more than the 3 latest ended ones (the running one is stopped by now).
      expect(live.size).toBeLessThanOrEqual(3);
    }
    expect(live.size).toBe(3);
    // The three that ended last still answer; the first is gone from memory, with a clear word.
    for (const id of ids.slice(-3)) expect(live.status(id).running).toBe(false);
    expect(() => live.status(ids[0] ?? '')).toThrow(HostError);
    expect(() => live.status(ids[0] ?? '')).toThrow(/leaves memory 60 minutes after it ended; its recording is in the library/);
    // Leaving memory lost nothing: all twelve recordings are in the library.
    expect(await savedIds()).toEqual(expect.arrayContaining(ids));
  });

  it('keeps sessions started together and ended together within the bound too', async () => {
    const live = serviceWith({ keepEndedMs: HOUR, maxEnded: 4, idleMs: HOUR });
    const started = await Promise.all(Array.from({ length: 10 }, () => live.start({ flowFile: FLOW, timeScale: 1 })));
    // Ten running sessions are all held: a running session is never dropped.
    expect(live.size).toBe(10);
    await Promise.all(started.map((s) => live.stop(s.id)));
    expect(live.size).toBe(4);
  });

  it('drops an ended session once keepEndedMs has passed', async () => {
    const live = serviceWith({ keepEndedMs: 200, maxEnded: 100, idleMs: HOUR });
    for (let i = 0; i < 5; i++) {
      const started = await live.start({ flowFile: FLOW, timeScale: 1 });
      await live.stop(started.id);
    }
    // 200 ms after each ended; the poll allows a loaded machine 20 s.
    await expect.poll(() => live.size, { timeout: 20_000 }).toBe(0);
  });

  it('abandons a session nobody acts on: stopped, saved, then dropped like any ended one', async () => {
    const live = serviceWith({ keepEndedMs: HOUR, maxEnded: 10, idleMs: 300 });
    const started = await live.start({ flowFile: FLOW, timeScale: 1 });
    expect(started.running).toBe(true);
    await expect.poll(() => live.status(started.id).running, { timeout: 20_000 }).toBe(false);
    const ended = await live.stop(started.id); // waits for the recording
    expect(ended).toMatchObject({ saved: true, endState: 'awaiting_user', endReason: 'abandoned: no user action for 300 ms' });
    expect(await savedIds()).toContain(started.id);
  });
});
