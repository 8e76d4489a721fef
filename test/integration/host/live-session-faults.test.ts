import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MocksFileInput } from '../../../main/api/formats/mocks';
import { MocksFile } from '../../../main/api/formats/mocks';
import { SessionFile } from '../../../main/api/formats/session';
import type { OutgoingRequest, TransportOutcome } from '../../../main/engine/transport';
import { ExampleFiles } from '../../../main/host/example-files';
import { LiveSessionService } from '../../../main/host/live-session-service';
import { MockService } from '../../../main/host/mock-service';
import { SessionJournal } from '../../../main/host/session-journal';
import { StoreService } from '../../../main/host/store-service';
import { HttpTransport } from '../../../main/realtime/http-transport';
import { RealClock } from '../../../main/realtime/real-clock';
import { RecordingTransport } from '../../../main/sessions/recording-transport';
import { examplesDir } from '../../support/paths';

/*
 * A recording gets the fault and latency the mock server decided for each of its requests,
 * found by the request id the real transport sends (x-flowbench-request-id), not by module
 * and path: two requests of one module to one path in flight at once each get their own.
 *
 * The route answers its 1st request of a session after 400 ms with 200, its 2nd at once
 * with an injected 503 (fault `status`, nth [2]).
 */
const MOCKS: MocksFileInput = {
  format: 'flowbench.mocks/1',
  routes: [
    {
      id: 'order',
      path: '/orders/:id',
      latency: { sequence: [400, 0] },
      faults: [{ kind: 'status', status: 503, nth: [2] }],
      responses: [{ status: 200, body: { state: 'shipped' } }],
    },
  ],
};

/*
 * One module sends the same request twice, 300 ms apart (api_async, wait, counter, back):
 * the second supersedes the first while it is still in flight (it would answer at 400 ms).
 * Then the await sees the second's 503 at once: failure → handover.
 */
const FLOW = `format: flowbench.flow/1
name: Poll twice
channel: chat
start: poll
endpoints:
  - { id: order, url: "/orders/7", timeoutMs: 10000 }
modules:
  - { id: poll, type: api_async, endpoint: order, ports: { next: pause } }
  - { id: pause, type: wait, ms: 300, ports: { next: again } }
  - { id: again, type: counter, name: polls, max: 1, ports: { next: poll, exceeded: check } }
  - { id: check, type: api_await, endpoint: order, timeoutMs: 5000, ports: { success: done, waiting: agent, failure: agent } }
  - { id: done, type: end }
  - { id: agent, type: handover }
`;

let dir: string;
let mocks: MockService;
let store: StoreService;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowbench-live-faults-'));
  cpSync(examplesDir, join(dir, 'examples'), { recursive: true });
  writeFileSync(join(dir, 'examples', 'flows', 'poll-twice.flow.yaml'), FLOW);
  mocks = new MockService({ files: new ExampleFiles(join(dir, 'examples')), onJournal: () => undefined });
  store = new StoreService(join(dir, 'db.sqlite'));
  await mocks.start({ mocks: MocksFile.parse(MOCKS) });
});

afterAll(async () => {
  await mocks.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('faults are matched to exchanges by request id', () => {
  it('gives two concurrent requests of one module to one path their own faults', async () => {
    const url = mocks.status().url ?? '';
    const session = 'concurrent-pair';
    const clock = new RealClock(1);
    const http = new HttpTransport(url, clock);
    const recorder = new RecordingTransport(http, clock);
    const journal = new SessionJournal(mocks, session);
    const request = (id: string): OutgoingRequest => ({
      id,
      endpoint: 'order',
      module: 'lookup',
      method: 'GET',
      url: '/orders/7',
      headers: { 'x-flowbench-session': session, 'x-flowbench-module': 'lookup' },
      body: undefined,
      timeoutMs: 10_000,
      sentAt: clock.now(),
    });
    const answered = (id: string): Promise<TransportOutcome> => new Promise((done) => recorder.send(request(id), done));
    // Both in flight at once; the server numbers them in the order they arrive.
    const outcomes = await Promise.all([answered('r1'), answered('r2')]);
    await journal.settle(['r1', 'r2'], 10_000);
    journal.attach(recorder.exchanges, 1);
    journal.close();
    clock.dispose();
    await http.close();

    // Whichever arrived second got the 503 at once and arrived first: the journal holds it
    // first, the other one's 400 ms answer after it. Each exchange has its own decision.
    const statuses = outcomes.map((o) => (o.kind === 'response' ? o.status : null)).sort();
    expect(statuses).toEqual([200, 503]);
    for (const exchange of recorder.exchanges) {
      const status = 'status' in exchange.outcome ? exchange.outcome.status : null;
      if (status === 503) expect(exchange).toMatchObject({ fault: 'status', serverLatencyMs: 0 });
      else expect(exchange).toMatchObject({ fault: null, serverLatencyMs: 400 });
    }
  });

  it('records them so in a live session that supersedes its own request', async () => {
    const live = new LiveSessionService(new ExampleFiles(join(dir, 'examples')), mocks, store, () => undefined);
    try {
      const started = await live.start({ flowFile: 'flows/poll-twice.flow.yaml', timeScale: 1 });
      const ended = await live.stop(started.id);
      expect(ended).toMatchObject({ saved: true, endState: 'handover' });
      const recording = SessionFile.parse(await store.use((s) => s.sessions.body(started.id)));
      // r1 (sent at 0, the server's 1st: 400 ms, no fault) was given up at 300 ms when r2
      // (the server's 2nd: 0 ms, the injected 503) superseded it.
      expect(recording.exchanges.map((e) => ({ id: e.id, module: e.module, url: e.request.url, fault: e.fault, serverLatencyMs: e.serverLatencyMs, gaveUp: e.gaveUp }))).toEqual([
        { id: 'r1', module: 'poll', url: '/orders/7', fault: null, serverLatencyMs: 400, gaveUp: true },
        { id: 'r2', module: 'poll', url: '/orders/7', fault: 'status', serverLatencyMs: 0, gaveUp: false },
      ]);
    } finally {
      await live.close();
    }
  });
});
