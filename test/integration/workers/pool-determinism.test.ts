import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../../main/api/formats/results';
import { FileLoader } from '../../../main/formats/file-loader';
import type { LoadedScenario } from '../../../main/formats/loaded-scenario';
import { tuneTimeouts } from '../../../main/analysis/tune';
import type { SessionFile } from '../../../main/api/formats/session';
import { compileFlow } from '../../../main/engine/compiled-flow';
import { DialogRunner } from '../../../main/engine/dialog-runner';
import { InMemoryTransport } from '../../../main/engine/in-memory-transport';
import { liveUser } from '../../../main/engine/user-source';
import { VirtualClock } from '../../../main/engine/virtual-clock';
import { runScenarioOnClock } from '../../../main/scenario/run-on-clock';
import { buildSession } from '../../../main/sessions/build-session';
import { RecordingTransport } from '../../../main/sessions/recording-transport';
import { replaySession } from '../../../main/sessions/replay-session';
import { compileMocks } from '../../../mocks/core/compile-mocks';
import { JobPool } from '../../../main/workers/job-pool';
import { exampleCounts } from '../../support/example-counts';
import { examplesDir } from '../../support/paths';
import { endpoint, flow, mocks, route } from '../../support/scenario-builder';

/*
 * Issue 18: runs move off the host's event loop into worker threads. Moving them must not
 * change them: for every example scenario, the result a pool worker sends back (a
 * structured clone, parsed with the job contract) is the result of running it inline, field
 * for field — everything but wallMs, the wall time the run took, which is a measurement.
 */

const pool = new JobPool({ size: 2 });
afterAll(() => pool.close());

async function everyExampleScenario(): Promise<LoadedScenario[]> {
  const loader = new FileLoader(examplesDir);
  const files = readdirSync(join(examplesDir, 'scenarios')).filter((f) => f.endsWith('.scenario.yaml'));
  return (await Promise.all(files.map((f) => loader.loadScenarios(join('scenarios', f))))).flat();
}

function withoutWallTime(result: ScenarioResult): Omit<ScenarioResult, 'wallMs'> {
  const { wallMs, ...rest } = result;
  expect(wallMs).toBeGreaterThanOrEqual(0);
  return rest;
}

describe('the worker pool runs scenarios as the host ran them inline', () => {
  it('gives the inline result for every example scenario, in virtual time', async () => {
    const scenarios = await everyExampleScenario();
    // Every scenario of every example file is compared (counted from the files, not typed in).
    expect(scenarios).toHaveLength((await exampleCounts()).scenarios);
    const pooled = await Promise.all(scenarios.map((scenario) => pool.run({ kind: 'run', scenario })));
    for (const [i, scenario] of scenarios.entries()) {
      const outcome = pooled[i];
      if (outcome?.ok !== true) throw new Error(`${scenario.id}: the pool refused the run: ${JSON.stringify(outcome)}`);
      const inline = await runScenarioOnClock(scenario, { clock: 'virtual' });
      expect(withoutWallTime(outcome.value), scenario.id).toEqual(withoutWallTime(inline));
    }
  }, 120_000);

  it('gives the inline result with a seed and fixed endpoint latencies too', async () => {
    const [scenario] = (await everyExampleScenario()).filter((s) => s.file.endsWith('order-status.scenario.yaml'));
    if (scenario === undefined) throw new Error('examples/scenarios/order-status.scenario.yaml has no scenario');
    const options = { seed: 7, endpointLatency: { order_status: 4_800 } };
    const outcome = await pool.run({ kind: 'run', scenario, ...options });
    if (!outcome.ok) throw new Error(outcome.refusal.message);
    expect(withoutWallTime(outcome.value)).toEqual(withoutWallTime(await runScenarioOnClock(scenario, { clock: 'virtual', ...options })));
  }, 60_000);
});

describe('the worker pool tunes and replays as the host did inline', () => {
  it('gives the inline tune table for the slow-API example', async () => {
    const [, slow] = (await everyExampleScenario()).filter((s) => s.file.endsWith('order-status.scenario.yaml'));
    if (slow === undefined) throw new Error('examples/scenarios/order-status.scenario.yaml has no second scenario');
    const options = { endpoint: 'order_status', model: { lognormal: { medianMs: 800, p99Ms: 6_000 } }, fit: null, samples: 200, seed: 42, maxDeadAirMs: 3_000 };
    const outcome = await pool.run({ kind: 'tune', scenario: slow, ...options });
    if (!outcome.ok) throw new Error(outcome.refusal.message);
    expect(outcome.value).toEqual(await tuneTimeouts(slow, options));
  }, 60_000);

  it('gives the inline replay of a recorded session, at its recorded and at a changed latency', async () => {
    const voice = flow({
      channel: 'voice',
      start: 'ask',
      endpoints: [endpoint('e', { timeoutMs: 2000, map: { v: 'body.value' } })],
      modules: [
        { id: 'ask', type: 'say', text: 'your number please', ports: { next: { to: 'read', arrow: 'red' } } },
        { id: 'read', type: 'capture', save: 'n', pattern: '\\d+', ports: { next: 'call', nomatch: 'ask' } },
        { id: 'call', type: 'api', endpoint: 'e', ports: { success: 'tell', failure: 'sorry' } },
        { id: 'tell', type: 'say', text: 'it is {{v}}', ports: { next: 'bye' } },
        { id: 'sorry', type: 'say', text: 'sorry', ports: { next: 'bye' } },
        { id: 'bye', type: 'end' },
      ],
    });
    // Recorded "live" on the virtual clock: the user answers once the bot has asked.
    const clock = new VirtualClock();
    const recorder = new RecordingTransport(new InMemoryTransport({ clock, mocks: compileMocks(mocks([route('e', 900)])), seed: 1 }), clock);
    const runner = new DialogRunner({ flow: compileFlow(voice), clock, transport: recorder, user: liveUser, seed: 1, sessionId: 's' });
    runner.start();
    clock.advanceBy(1_900);
    runner.userSays('it is 42');
    clock.advanceBy(10_000);
    const recorded = runner.outcome;
    if (!recorded) throw new Error('the recorded conversation did not end');
    const session: SessionFile = buildSession({ id: 's', startedAt: new Date('2026-11-24T10:00:00Z'), flow: voice, clock: 'virtual', seed: 1 }, recorded, recorder.exchanges);

    // As recorded (900 ms: success), and at 2,500 ms, past the endpoint's 2,000 ms timeout (failure).
    const ends: string[] = [];
    for (const endpointLatency of [{}, { e: 2_500 }]) {
      const outcome = await pool.run({ kind: 'replay', session, flow: voice, relative: false, answers: { kind: 'recording' }, endpointLatency });
      if (!outcome.ok) throw new Error(outcome.refusal.message);
      const inline = replaySession(session, { flow: voice, relative: false, answers: { kind: 'recording' }, endpointLatency });
      expect(outcome.value).toEqual({
        endState: inline.endState,
        endReason: inline.endReason ?? null,
        virtualMs: inline.virtualMs,
        trace: inline.trace,
        divergence: inline.divergence,
        mismatches: inline.mismatches,
        notes: inline.notes,
        flowChanged: inline.flowChanged,
      });
      ends.push(outcome.value.trace.filter((e) => e.type === 'port' && e.module === 'call').map((e) => (e.type === 'port' ? e.port : '')).join());
    }
    expect(ends).toEqual(['success', 'failure']);
  }, 60_000);
});
