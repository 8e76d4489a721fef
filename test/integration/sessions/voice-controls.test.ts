import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutputOf, RouteName } from '../../../main/api/contract';
import type { TraceEvent } from '../../../main/api/formats/trace';
import { createHost } from '../../../main/host/host';
import type { Host } from '../../../main/host/host';
import { examplesDir, repoRoot } from '../../support/paths';

/*
 * SPEC §7.1 in a live session through the host (real clock, the real mock server): the
 * caller talks over a legal notice (not heard), stays silent (the no-input handler
 * reprompts), talks over the reprompt (cut, heard), keys in the order number, and hangs up
 * while the lookup is in flight. The saved session replays to the same ports and end.
 *
 * Speech at 150 wpm: notice 5 words 0–2000 (cannot be interrupted), menu 6 words 2000–4400;
 * the no-input timer fires 2000 ms after the bot starts waiting.
 */
const FLOW = `format: flowbench.flow/1
name: Live voice controls
channel: voice
start: notice
noInputMs: 2000
interruptions: { no_input: silent }
endpoints:
  - { id: order_lookup, url: "/orders/{{order_id}}", timeoutMs: 30000, map: { order_state: body.state } }
modules:
  - { id: notice, type: say, bargeIn: false, text: "Calls are recorded here always", ports: { next: menu } }
  - { id: menu, type: say, text: "Key your order number now please", ports: { next: { to: read, arrow: red } } }
  - { id: read, type: capture, save: order_id, pattern: "(\\\\d+)", ports: { next: lookup, nomatch: reprompt } }
  - { id: silent, type: condition, cases: [ { port: give_up, when: "sys_no_input_count >= 3" } ], ports: { give_up: agent, else: reprompt } }
  - { id: reprompt, type: say, text: "Sorry, key your order number please", ports: { next: { to: read, arrow: red } } }
  - { id: lookup, type: api_async, endpoint: order_lookup, ports: { next: hold } }
  - { id: hold, type: say, text: "One moment", ports: { next: pause } }
  - { id: pause, type: wait, ms: 10000, ports: { next: check } }
  - { id: check, type: api_await, endpoint: order_lookup, timeoutMs: 20000, ports: { success: tell, waiting: agent, failure: agent } }
  - { id: tell, type: say, text: "Your order is {{order_state}}.", ports: { next: bye } }
  - { id: agent, type: handover }
  - { id: bye, type: end }
`;

let dir: string;
let host: Host;

async function call<N extends RouteName>(name: N, input: unknown): Promise<OutputOf<N>> {
  const result = await host.dispatch(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message} ${JSON.stringify(result.error.issues ?? [])}`);
  return result.value as OutputOf<N>;
}

const choices = (trace: readonly TraceEvent[]): string[] =>
  trace.flatMap((e) => (e.type === 'port' ? [`${e.module}.${e.port}`] : e.type === 'interruption' ? [`${e.kind}@${e.module}`] : []));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowbench-voice-'));
  cpSync(examplesDir, join(dir, 'examples'), { recursive: true });
  writeFileSync(join(dir, 'examples', 'flows', 'live-voice.flow.yaml'), FLOW);
  host = createHost({ mode: 'cli', appRoot: repoRoot, name: 'flowbench', version: '1.0.0-test', dataDir: dir, examplesDir: join(dir, 'examples'), dbFile: join(dir, 'db.sqlite') });
  await call('mocks.start', { file: 'mocks/shop.mocks.yaml' });
  // The lookup outlasts the call: the caller hangs up while it is in flight.
  await call('mocks.patchRoute', { routeId: 'order_status', override: { latency: { fixed: 20_000 } } });
});

afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a live voice session with the caller controls, recorded and replayed', () => {
  let sessionId = '';
  let ended: OutputOf<'sessions.hangup'>;

  it('records talk-over, silence, DTMF and a hang-up as they happen', async () => {
    const started = await call('sessions.start', { flowFile: 'flows/live-voice.flow.yaml', timeScale: 0.5 });
    sessionId = started.id;
    expect(started.waitingForUser).toBe(true);
    // The session clock started a few ms before the first module ran (t0): the bot speaks t0 … t0 + 4400 and starts
    // waiting at its audio end, w = t0 + 4400; the no-input timer is due at w + 2000.
    const t0 = started.trace.find((e) => e.type === 'say')?.t ?? 0;
    expect(started.audioEnd).toBe(t0 + 4400);
    expect(started.noInputAt).toBe(t0 + 6400);

    // Talking over the legal notice (t0 … t0 + 2000): not heard; the bot goes on waiting.
    const overNotice = await call('sessions.bargeIn', { id: sessionId, text: 'stop' });
    expect(overNotice.waitingForUser).toBe(true);
    const ignored = overNotice.trace.filter((e) => e.type === 'user');
    expect(ignored).toMatchObject([{ text: 'stop', ignored: true }]);
    expect(ignored[0]!.start).toBeLessThan(t0 + 2000);

    // Staying silent: the no-input handler runs at t0 + 6400, reprompts (6 words, 2400 ms) and waits again.
    const reprompted = await call('sessions.silence', { id: sessionId });
    expect(reprompted.waitingForUser).toBe(true);
    const interruption = reprompted.trace.find((e) => e.type === 'interruption');
    expect(interruption).toMatchObject({ kind: 'no_input', count: 1, module: 'read', to: 'silent' });
    expect(Math.abs((interruption?.t ?? 0) - (t0 + 6400))).toBeLessThan(300);
    expect(reprompted.audioEnd).toBeGreaterThan(reprompted.now);

    // Talking over the reprompt: it is cut, the words are heard (no digits: nomatch → reprompt again).
    const cut = await call('sessions.bargeIn', { id: sessionId, text: 'no idea' });
    const reprompts = cut.trace.filter((e): e is Extract<TraceEvent, { type: 'say' }> => e.type === 'say' && e.module === 'reprompt');
    expect(reprompts).toHaveLength(2);
    expect(reprompts[0]?.cutAt).toBeDefined();
    expect(cut.trace.filter((e) => e.type === 'user').map((e) => e.type === 'user' && [e.text, e.ignored ?? false])).toEqual([
      ['stop', true],
      ['no idea', false],
    ]);
    expect(cut.waitingForUser).toBe(true);

    // Keys: the lookup is sent and stays in flight; the caller hangs up during the pause after
    // it. The pause is long (10 s, 5 s of wall time at ×0.5) so that the hang-up lands in it
    // both live and in the replay, which plays it at its recorded time while the recording's
    // bot ran behind by what its timers were late (hundreds of ms on a loaded machine).
    const keyed = call('sessions.dtmf', { id: sessionId, keys: '12345#' });
    await expect.poll(async () => (await call('sessions.status', { id: sessionId })).trace.some((e) => e.type === 'enter' && e.module === 'pause'), { timeout: 10_000 }).toBe(true);
    ended = await call('sessions.hangup', { id: sessionId });
    await keyed;
    expect(ended).toMatchObject({ running: false, endState: 'hangup', endReason: 'caller hung up', saved: true });
    expect(ended.trace.find((e) => e.type === 'user' && e.via === 'dtmf')).toMatchObject({ text: '12345#' });
    expect(ended.trace.filter((e) => e.type === 'request_abandoned').map((e) => e.type === 'request_abandoned' && e.endpoint)).toEqual(['order_lookup']);
    // The trace never goes back in time, up to the hang-up.
    for (let i = 1; i < ended.trace.length; i++) expect(ended.trace[i]!.t).toBeGreaterThanOrEqual(ended.trace[i - 1]!.t);
  }, 60_000);

  it('the mock journal shows the client gave up on the abandoned lookup', async () => {
    await expect
      .poll(async () => (await call('mocks.journal', { session: sessionId })).entries.map((e) => [e.routeId, e.clientGaveUp]), { timeout: 5000 })
      .toEqual([['order_status', true]]);
  });

  it('saves what the caller did with its kind and timing', async () => {
    const session = await call('sessions.get', { id: sessionId });
    expect(session.endState).toBe('hangup');
    expect(session.user.map((u) => u.kind ?? 'say')).toEqual(['say', 'silence', 'say', 'dtmf', 'hangup']);
    // Both talk-overs started before the bot's planned audio end: negative pauses.
    const talks = session.user.filter((u) => u.kind === undefined || u.kind === 'say');
    expect(talks.every((u) => 'afterMs' in u && (u.afterMs ?? 0) < 0)).toBe(true);
    expect(session.exchanges[0]).toMatchObject({ endpoint: 'order_lookup', outcome: { error: 'abandoned' }, gaveUp: true });
    const list = await call('sessions.list', {});
    expect(list.sessions.find((s) => s.id === sessionId)).toMatchObject({ endState: 'hangup', userMessages: 3, exchanges: 1 });
  });

  it('replays in virtual time to the same ports, interruptions and end state', async () => {
    const replay = await call('sessions.replay', { id: sessionId });
    expect(replay.divergence).toBeNull();
    expect(replay.mismatches).toEqual([]);
    expect(replay.endState).toBe('hangup');
    expect(choices(replay.trace)).toEqual(choices(ended.trace));
    const users = (t: readonly TraceEvent[]): unknown[] => t.flatMap((e) => (e.type === 'user' ? [[e.text, e.ignored ?? false, e.via ?? 'speech']] : []));
    expect(users(replay.trace)).toEqual(users(ended.trace));
    // The reprompt the caller talked over is cut, and so is whatever spoke when they hung up.
    const cuts = (t: readonly TraceEvent[]): unknown[] => t.flatMap((e) => (e.type === 'say' && e.cutAt !== undefined ? [e.module] : []));
    expect(cuts(ended.trace)[0]).toBe('reprompt');
    expect(cuts(replay.trace)).toEqual(cuts(ended.trace));
  });

  it('turns into a scenario whose steps say the same, and that passes', async () => {
    const { yaml } = await call('sessions.toScenario', { id: sessionId, name: 'live voice controls' });
    expect(yaml).toContain('silence: true');
    expect(yaml).toContain('dtmf: 12345#');
    expect(yaml).toMatch(/hangup:\n\s+atMs: \d+/);
    expect(yaml).toContain('kind: no_input');
  });
});
