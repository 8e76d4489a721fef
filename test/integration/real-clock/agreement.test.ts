import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../../main/api/formats/results';
import type { TraceEvent } from '../../../main/api/formats/trace';
import { MocksFile } from '../../../main/api/formats/mocks';
import { FileLoader } from '../../../main/formats/file-loader';
import type { LoadedScenario } from '../../../main/formats/loaded-scenario';
import { runScenarioReal } from '../../../main/scenario/run-real-scenario';
import { runScenario } from '../../../main/scenario/run-scenario';
import { startMockServer } from '../../../mocks/server/start-mock-server';
import { clockRaces } from '../../support/clock-races';
import { examplesDir } from '../../support/paths';
import { endpoint, flow, mocks, route, scenario } from '../../support/scenario-builder';

const loader = new FileLoader(examplesDir);
const scenarioFiles = readdirSync(join(examplesDir, 'scenarios')).filter((f) => f.endsWith('.scenario.yaml'));
/** The keypad scenarios have a test of their own, which also compares when things happened. */
const KEYPAD = 'order-keypad.scenario.yaml';

/**
 * Wall time two timers that race (clock-races.ts) must stay apart by, so that a loaded 2-core
 * machine cannot swap them. Under `stress --cpu 4` beside the suite (load average 15) a
 * real-clock run's timers fired up to 237 ms late: 500 ms is twice that.
 */
const RACE_MARGIN_WALL_MS = 500;
/** Time scales go in quarters; the slowest an example may need keeps the test under a minute. */
const SCALE_STEP = 0.25;
const SLOWEST_SCALE = 3;
/** Real runs at a time: 20 at once would keep each other's timers waiting for the CPU. */
const AT_ONCE = 4;

/** Wall time an HTTP exchange may take beyond its latency on a loaded machine (the mock server's timer, the socket, the hooks' code). */
const EXCHANGE_SLACK_WALL_MS = 100;

/**
 * How far behind the prediction a real run may be at virtual time t: by what its clock's
 * timers were late in all (each late timer shifts what follows it; on a loaded machine the
 * 20 runs of one test also wait for each other's CPU work), by EXCHANGE_SLACK_WALL_MS for
 * each HTTP exchange before t and one more for the end, and 10 % for what adds up over a
 * conversation.
 */
function slackMs(virtual: ScenarioResult, real: ScenarioResult, t: number): number {
  const drift = real.realClock?.drift ?? { timers: 0, meanLateMs: 0 };
  const exchanges = virtual.trace.filter((e) => e.type === 'request' && e.t <= t).length;
  return t * 0.1 + drift.timers * drift.meanLateMs + ((1 + exchanges) * EXCHANGE_SLACK_WALL_MS) / (real.realClock?.timeScale ?? 1);
}

/** The fastest time scale (in quarters) at which the scenario's closest race is RACE_MARGIN_WALL_MS apart. */
function safeScale(s: LoadedScenario): number {
  const closest = clockRaces(s)[0];
  const scale = closest === undefined ? SCALE_STEP : Math.max(SCALE_STEP, Math.ceil(RACE_MARGIN_WALL_MS / closest.gapMs / SCALE_STEP) * SCALE_STEP);
  if (scale > SLOWEST_SCALE) throw new Error(`${s.name}: its closest race (${JSON.stringify(closest)}) needs time scale ${scale}`);
  return scale;
}

/** Runs each scenario on the real clock at its scale, AT_ONCE at a time. */
async function runAllReal(scenarios: readonly LoadedScenario[], scales: readonly number[]): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < scenarios.length; i = next++) results[i] = await runScenarioReal(scenarios[i]!, { timeScale: scales[i] ?? 1 });
  };
  await Promise.all(Array.from({ length: AT_ONCE }, lane));
  return results;
}

describe('virtual mode predicts real mode', () => {
  it('the races that decide a port are found in the virtual run: the slow-API answer lands 200 ms before its deadline, so it runs at ×2.5', async () => {
    // Worked by hand (order-status, "slow API"): the user speaks at 400 ms after the greeting,
    // lookup sends r1 at 3200 ms with a 5000 ms deadline (8200); check waits 3000 ms from 4700
    // (module timeout at 7700) then until 8200; the 4800 ms answer arrives at 8000.
    const slow = (await loader.loadScenarios('scenarios/order-status.scenario.yaml')).find((s) => s.name.startsWith('slow API'))!;
    expect(clockRaces(slow)).toEqual([
      { request: 'r1', between: [{ what: 'answer', at: 8000 }, { what: 'deadline', at: 8200 }], gapMs: 200 },
      { request: 'r1', between: [{ what: 'answer', at: 8000 }, { what: 'module timeout', at: 7700 }], gapMs: 300 },
      { request: 'r1', between: [{ what: 'module timeout', at: 7700 }, { what: 'deadline', at: 8200 }], gapMs: 500 },
    ]);
    // 200 ms is 50 ms of wall time at ×0.25: it runs at ×2.5 (500 ms apart).
    expect(safeScale(slow)).toBe(2.5);
  });

  it('every example scenario takes the same ports and ends the same on the real clock, each at a time scale that keeps its races apart', async () => {
    expect(scenarioFiles).toContain(KEYPAD);
    const scenarios = (await Promise.all(scenarioFiles.filter((f) => f !== KEYPAD).map((f) => loader.loadScenarios(`scenarios/${f}`)))).flat();
    expect(scenarios).toHaveLength(20);
    const scales = scenarios.map((s) => safeScale(s));
    // The closest call of the examples is slow API (×2.5, see above); none needs longer.
    expect(Math.max(...scales)).toBe(2.5);
    const real = await runAllReal(scenarios, scales);
    for (const [i, s] of scenarios.entries()) {
      const virtual = runScenario(s);
      expect({ name: s.name, path: real[i]?.path, end: real[i]?.endState }).toEqual({ name: s.name, path: virtual.path, end: virtual.endState });
      expect(real[i]?.clock).toBe('real');
      // Real time runs a little behind the prediction (late timers, HTTP), no more.
      expect(Math.abs(real[i]!.virtualMs - virtual.virtualMs), s.name).toBeLessThan(slackMs(virtual, real[i]!, virtual.virtualMs));
    }
  }, 120_000);

  it('no-input, barge-in, DTMF and hang-up: the keypad scenarios take the same ports, at the same times, on the real clock', async () => {
    const scenarios = await loader.loadScenarios(`scenarios/${KEYPAD}`);
    expect(scenarios).toHaveLength(8);
    const real = await runAllReal(scenarios, scenarios.map((s) => safeScale(s)));
    // What is decided by the clock: when the no-input timer fired, where speech was cut, when the user spoke, how it ended.
    const timings = (trace: readonly TraceEvent[]): [string, number][] =>
      trace.flatMap((e): [string, number][] => {
        if (e.type === 'interruption') return [[`${e.kind}@${e.module}`, e.t]];
        if (e.type === 'say' && e.cutAt !== undefined) return [[`cut ${e.module}`, e.cutAt]];
        if (e.type === 'say' && e.dropped === true) return [[`dropped ${e.module}`, e.start]];
        if (e.type === 'user') return [[`user ${e.text}${e.ignored ? ' (ignored)' : ''}`, e.start]];
        if (e.type === 'request_abandoned') return [[`abandoned ${e.id}`, e.t]];
        if (e.type === 'end') return [[`end ${e.state}`, e.t]];
        return [];
      });
    for (const [i, s] of scenarios.entries()) {
      const virtual = runScenario(s);
      const r = real[i]!;
      // (The examples' exact figures — no dead air, the call's length to the ms — are for the virtual clock.)
      expect({ name: s.name, path: r.path, end: r.endState }).toEqual({ name: s.name, path: virtual.path, end: virtual.endState });
      const expected = timings(virtual.trace);
      const actual = timings(r.trace);
      expect(actual.map(([what]) => what), s.name).toEqual(expected.map(([what]) => what));
      // Real time runs a little behind the prediction, no more (slackMs).
      for (const [k, [what, t]] of expected.entries()) expect(Math.abs((actual[k]?.[1] ?? 0) - t), `${s.name}: ${what} at ${t}`).toBeLessThan(slackMs(virtual, r, t));
    }
  }, 120_000);

  it('each fault kind takes the same port over real HTTP as in virtual time', async () => {
    const kinds = [
      { kind: 'status', status: 503, rate: 1 },
      { kind: 'reset', rate: 1 },
      { kind: 'empty', rate: 1 },
      { kind: 'malformed', rate: 1 },
      { kind: 'hang', rate: 1 },
      { kind: 'slow_body', ms: 200, rate: 1 },
    ] as const;
    const results = await Promise.all(
      kinds.map(async (fault) => {
        const s = scenario({
          flow: flow({
            start: 'call',
            endpoints: [endpoint('e', { timeoutMs: 1000, statusContext: 'st' })],
            modules: [{ id: 'call', type: 'api', endpoint: 'e', ports: { success: 'ok', failure: 'ko' } }, { id: 'ok', type: 'end' }, { id: 'ko', type: 'handover' }],
          }),
          mocks: mocks([route('e', 100, { faults: [fault] })]),
        });
        const virtual = runScenario(s);
        const real = await runScenarioReal(s, { timeScale: 0.5 });
        return { kind: fault.kind, virtual: virtual.path, real: real.path, reasons: real.trace.flatMap((e) => (e.type === 'port' ? [e.reason] : [])) };
      }),
    );
    for (const r of results) expect(r.real, r.kind).toEqual(r.virtual);
    expect(results.map((r) => [r.kind, r.real.join(' ')])).toEqual([
      ['status', 'call.failure ko'],
      ['reset', 'call.failure ko'],
      ['empty', 'call.failure ko'],
      ['malformed', 'call.failure ko'],
      ['hang', 'call.failure ko'],
      ['slow_body', 'call.success ok'],
    ]);
    expect(results.find((r) => r.kind === 'hang')?.reasons).toEqual(['endpoint_timeout at 1000 ms']);
  });

  it('a lambda and pre/post hooks run the same on the real clock: same ports, code runs and contexts', async () => {
    // The pre hook signs the request and adds a query; the echo route sends both back; the
    // post hook turns 200 into 202 when the signature is right (→ custom port accepted) and
    // draws a nonce; the lambda draws too. Same seed, same call keys: the same numbers.
    const s = scenario({
      seed: 5,
      flow: flow({
        start: 'roll',
        contexts: { order_id: 'A-7' },
        endpoints: [
          endpoint('e', {
            url: '/e/{{order_id}}',
            timeoutMs: 2000,
            statusContext: 'st',
            pre: "request.headers['x-sig'] = context.order_id.split('').reverse().join('');\nrequest.url += '?tier=' + context.tier;",
            post: [
              "if (response.body.sig === '7-A') response.status = 202;",
              'context.sig = response.body.sig.toLowerCase();',
              'context.tier_seen = response.body.tier;',
              'context.nonce = Math.floor(Math.random() * 1e6);',
            ].join('\n'),
            ports: [{ name: 'accepted', when: 'status == 202' }],
          }),
        ],
        modules: [
          { id: 'roll', type: 'lambda', code: "context.r = Math.random();\ncontext.tier = context.r < 2 ? 'gold' : 'never';", ports: { next: 'call', error: 'ko' } },
          { id: 'call', type: 'api', endpoint: 'e', ports: { success: 'ko', accepted: 'ok', failure: 'ko' } },
          { id: 'ok', type: 'end' },
          { id: 'ko', type: 'handover' },
        ],
      }),
      mocks: mocks([route('e', 150, { path: '/e/:id', responses: [{ status: 200, body: { sig: '{{headers.x-sig}}', tier: '{{query.tier}}' } }] })]),
    });
    const virtual = runScenario(s);
    const real = await runScenarioReal(s, { timeScale: 0.5 });
    expect(virtual.path).toEqual(['roll.next', 'call.accepted', 'ok']);
    expect(real.path).toEqual(virtual.path);
    const codeEvents = (trace: typeof virtual.trace) => trace.flatMap((e) => (e.type === 'code' ? [{ kind: e.kind, module: e.module, id: e.id, outcome: e.outcome, status: e.status }] : []));
    expect(codeEvents(real.trace)).toEqual(codeEvents(virtual.trace));
    expect(codeEvents(virtual.trace)).toEqual([
      { kind: 'lambda', module: 'roll', id: undefined, outcome: 'ok', status: undefined },
      { kind: 'pre', module: 'call', id: 'r1', outcome: 'ok', status: undefined },
      { kind: 'post', module: 'call', id: 'r1', outcome: 'ok', status: 202 },
    ]);
    expect(real.contexts).toEqual(virtual.contexts);
    expect(virtual.contexts).toMatchObject({ order_id: 'A-7', tier: 'gold', sig: '7-a', tier_seen: 'gold', st: 202 });
  });

  it('mock state (setState, when on state.*, a scenario state) takes the same path over real HTTP as in virtual time', async () => {
    const polling = flow({
      channel: 'chat',
      start: 'call',
      endpoints: [endpoint('e', { timeoutMs: 1000, map: { v: 'body.state' }, ports: [{ name: 'pending', when: "body.state == 'pending'" }] })],
      modules: [
        { id: 'call', type: 'api', endpoint: 'e', ports: { success: 'ok', pending: 'pause', failure: 'ko' } },
        { id: 'pause', type: 'wait', ms: 300, ports: { next: 'call' } },
        { id: 'ok', type: 'end' },
        { id: 'ko', type: 'handover' },
      ],
    });
    const stateful = MocksFile.parse({
      format: 'flowbench.mocks/1',
      seed: 1,
      state: { order: 'placed' },
      routes: [
        route('e', 100, {
          responses: [
            { when: "state.order == 'placed'", body: { state: 'pending' }, setState: { order: 'again' } },
            { when: "state.order == 'again'", body: { state: 'pending' }, setState: { order: 'ready' } },
            { when: "state.order == 'ready'", body: { state: 'ready' } },
          ],
        }),
      ],
    });
    const fromStart = { ...scenario({ flow: polling, mocks: stateful }) };
    const fromReady = { ...scenario({ flow: polling, mocks: stateful }), state: { order: 'ready' } };
    for (const s of [fromStart, fromReady]) {
      const virtual = runScenario(s);
      const real = await runScenarioReal(s, { timeScale: 0.5 });
      expect(real.path).toEqual(virtual.path);
      expect(real.contexts['v']).toBe('ready');
    }
    // Worked by hand: pending (0–100), wait 300, pending (400–500), wait 300, ready (800–900).
    expect(runScenario(fromStart).path.filter((p) => p.startsWith('call.'))).toEqual(['call.pending', 'call.pending', 'call.success']);
    expect(runScenario(fromStart).virtualMs).toBe(900);
    expect(runScenario(fromReady).path.filter((p) => p.startsWith('call.'))).toEqual(['call.success']);
  });

  it('--base-url sends the requests to a given API instead of a mock server of its own', async () => {
    const api = await startMockServer({ mocks: mocks([route('e', 20, { responses: [{ status: 200, body: { value: 'from the real API' } }] })]) });
    try {
      const s = scenario({
        flow: flow({
          start: 'call',
          endpoints: [endpoint('e', { map: { v: 'body.value' } })],
          modules: [{ id: 'call', type: 'api', endpoint: 'e', ports: { success: 'ok', failure: 'ko' } }, { id: 'ok', type: 'end' }, { id: 'ko', type: 'handover' }],
        }),
      });
      const result = await runScenarioReal(s, { baseUrl: api.url });
      expect(result.contexts['v']).toBe('from the real API');
      expect(api.journal.entries().map((e) => e.routeId)).toEqual(['e']);
    } finally {
      await api.close();
    }
  });
});
