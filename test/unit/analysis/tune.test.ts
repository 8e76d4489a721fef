import { describe, expect, it } from 'vitest';
import { patchFlow, tuneTargets } from '../../../main/analysis/await-loop';
import { sweepLatency } from '../../../main/analysis/sweep';
import { tuneTimeouts } from '../../../main/analysis/tune';
import type { TuneOptions } from '../../../main/analysis/tune';
import { defaultTimeouts } from '../../../main/analysis/tune-grid';
import { TuneTable } from '../../../main/api/routes/analysis-tune';
import type { TuneCandidate } from '../../../main/api/routes/analysis-tune';
import { FileLoader } from '../../../main/formats/file-loader';
import type { LoadedScenario } from '../../../main/formats/loaded-scenario';
import { runScenario } from '../../../main/scenario/run-scenario';
import { examplesDir } from '../../support/paths';

const loader = new FileLoader(examplesDir);
const example = async (name: string): Promise<LoadedScenario> => {
  const found = (await loader.loadScenarios('scenarios/order-status.scenario.yaml')).find((s) => s.name.startsWith(name));
  if (!found) throw new Error(`no example scenario '${name}'`);
  return found;
};

const base: Omit<TuneOptions, 'model'> = { endpoint: 'order_status', samples: 200, seed: 11, maxDeadAirMs: 3000 };
const row = (c: TuneCandidate): { t: number; max: number | null; end: number; handover: number; paths: string[]; deadAir: unknown; call: unknown } => ({
  t: c.timeoutMs,
  max: c.counterMax,
  end: c.endStates.find((s) => s.state === 'end')?.probability ?? 0,
  handover: c.handoverProbability,
  paths: c.paths.map((p) => p.summary),
  deadAir: c.deadAirMs,
  call: c.callMs,
});

/*
 * The example voice flow (SPEC §3), "slow API" scenario, worked out by hand:
 *   greet: 5 words at 150 wpm = 2000 ms of speech, 0–2000, then a red arrow (the bot waits).
 *   The user starts at 2000 + 400 and says "It's 12345", 2 words = 800 ms: the message
 *   arrives at 3200. read, lookup send order_status at 3200: deadline D = 3200 + 5000 = 8200;
 *   with the latency fixed at 4800 the answer arrives at A = 8000.
 *   hold speaks 5 words 3200–5200; pause waits 1500: the first await starts at 4700.
 *   An await with timeout T at time t waits until min(A, t + T, D) (rule 7): success when
 *   A ≤ min(t + T, D); else failure when D ≤ t + T; else waiting at t + T. The counter
 *   tries (max 2) sends waiting #1 and #2 back to check, #3 to sorry → handover.
 *   Success at 8000: tell speaks 4 words 8000–9600 and the call ends with it (9600); dead
 *   air 5200–8000 = 2800 ms. Handover at t: sorry speaks 8 words, t to t + 3200.
 *
 *   T = 1000: checks at 4700, 5700, 6700 all time out (7700 < 8000): waiting ×3 → handover at
 *             7700, call 7700 + 3200 = 10900, dead air 5200–7700 = 2500.
 *   T = 1500: 4700 → 6200 waiting, 6200 → 7700 waiting, 7700 → min(8000, 9200, 8200) = 8000
 *             success: end, dead air 2800, call 9600.
 *   T = 2000: 4700 → 6700 waiting, 6700 → 8000 success.
 *   T = 3000: 4700 → 7700 waiting, 7700 → 8000 success (the boundary explorer's band 4501–5000).
 *   T = 3300: 4700 + 3300 = 8000 ≥ A: success at once.   T = 5000: the same.
 *   With counter max 3, T = 1000 gets a fourth check at 7700 → 8000 success: end, 2800, 9600.
 */
describe('timeout tuning under a fixed latency (hand-worked from SPEC §3)', () => {
  const timeouts = [1000, 1500, 2000, 3000, 3300, 5000];

  it('gives each candidate the end state, path, dead air and call length worked out by hand', async () => {
    const table = await tuneTimeouts(await example('slow API'), { ...base, model: { fixed: 4800 }, timeouts });
    const success = { deadAir: { p50: 2800, p95: 2800 }, call: { p50: 9600, p95: 9600 }, end: 1, handover: 0 };
    expect(table.candidates.map(row)).toEqual([
      { t: 1000, max: 2, end: 0, handover: 1, paths: ['check.waiting → check.waiting → check.waiting → handover'], deadAir: { p50: 2500, p95: 2500 }, call: { p50: 10900, p95: 10900 } },
      { t: 1500, max: 2, ...success, paths: ['check.waiting → check.waiting → check.success → end'] },
      { t: 2000, max: 2, ...success, paths: ['check.waiting → check.success → end'] },
      { t: 3000, max: 2, ...success, paths: ['check.waiting → check.success → end'] },
      { t: 3300, max: 2, ...success, paths: ['check.success → end'] },
      { t: 5000, max: 2, ...success, paths: ['check.success → end'] },
    ]);
    expect(table.awaits).toEqual([{ id: 'check', timeoutMs: 3000 }]);
    expect(table.counters).toEqual([{ id: 'tries', max: 2 }]);
    expect(table.runs).toBe(6 * 200);
    // Nothing in the scenario is random but the pinned latency: one run per candidate.
    expect(table.simulated).toBe(6);
    expect(TuneTable.parse(table)).toEqual(table);
  });

  it('matches the bands the boundary explorer finds for each candidate timeout', async () => {
    const scenario = await example('slow API');
    const table = await tuneTimeouts(scenario, { ...base, model: { fixed: 4800 }, timeouts });
    for (const candidate of table.candidates) {
      const patched: LoadedScenario = { ...scenario, flow: patchFlow(scenario.flow, candidate.patch) };
      const band = sweepLatency(patched, { endpoint: 'order_status', from: 0, to: 8000, step: 250 }).bands.find((b) => b.from <= 4800 && 4800 <= b.to);
      expect(candidate.paths.map((p) => p.summary)).toEqual([band?.summary]);
    }
    // The flow's own T = 3000: success at the first await iff A ≤ 7700 (L ≤ 4500); waiting then
    // success iff 7700 < A ≤ 8200 (4501 ≤ L ≤ 5000); else failure at D = 8200 → handover.
    const own = sweepLatency(scenario, { endpoint: 'order_status', from: 0, to: 8000, step: 250 });
    expect(own.bands.map((b) => [b.from, b.to])).toEqual([[0, 4500], [4501, 5000], [5001, 8000]]);
  });

  it('varies the await-loop counter too', async () => {
    const table = await tuneTimeouts(await example('slow API'), { ...base, model: { fixed: 4800 }, timeouts: [1000, 1500], counters: [2, 3] });
    expect(table.candidates.map((c) => [c.timeoutMs, c.counterMax, c.paths[0]?.summary, c.handoverProbability])).toEqual([
      [1000, 2, 'check.waiting → check.waiting → check.waiting → handover', 1],
      [1000, 3, 'check.waiting → check.waiting → check.waiting → check.success → end', 0],
      [1500, 2, 'check.waiting → check.waiting → check.success → end', 0],
      [1500, 3, 'check.waiting → check.waiting → check.success → end', 0],
    ]);
    expect(table.candidates[1]?.patch).toEqual({ check: { timeoutMs: 1000 }, tries: { max: 3 } });
  });

  it('changes the recommendation as --max-dead-air crosses the 2800 ms band edge', async () => {
    const scenario = await example('slow API');
    // Budget 2799: only T = 1000 (dead air 2500) stays within it, though it hands every caller over.
    const tight = await tuneTimeouts(scenario, { ...base, model: { fixed: 4800 }, timeouts, maxDeadAirMs: 2799 });
    expect(tight.recommendation).toMatchObject({ candidate: 0, timeoutMs: 1000, counterMax: 2 });
    expect(tight.candidates.map((c) => c.withinDeadAir)).toEqual([true, false, false, false, false, false]);
    // Budget 2800: every candidate fits; the lowest handover probability (0) with the same dead
    // air and call length goes to the first in grid order, T = 1500.
    const loose = await tuneTimeouts(scenario, { ...base, model: { fixed: 4800 }, timeouts, maxDeadAirMs: 2800 });
    expect(loose.recommendation).toMatchObject({ candidate: 1, timeoutMs: 1500 });
    expect(loose.recommendation?.reason).toBe('lowest handover probability (0.0 %) of the 6 candidates with p95 dead air within 2800 ms (this one: 2800 ms)');
    // Budget 2499: nothing fits.
    const none = await tuneTimeouts(scenario, { ...base, model: { fixed: 4800 }, timeouts, maxDeadAirMs: 2499 });
    expect(none.recommendation).toBeNull();
    expect(none.note).toBe('no candidate keeps p95 dead air within 2499 ms; the least is 2500 ms (timeout 1000 ms, counter max 2)');
  });
});

describe('timeout tuning over a latency distribution', () => {
  it('gives the probabilities of the latency bands, within 4 standard errors', async () => {
    // Latency uniform on [4000, 6000] (whole ms: round(4000 + 2000u)), T = 3000: by the bands
    // above P(L ≤ 4500) = 500.5/2000 = 0.25025, P(4501 ≤ L ≤ 5000) = 0.25,
    // P(L ≥ 5001) = 999.5/2000 = 0.49975 (handover). n = 4000: SE ≤ √(0.25/4000) = 0.0079.
    // Dead air: min(L, 5000) + 3200 − 5200 = min(L, 5000) − 2000, so p95 = 3000.
    const n = 4000;
    const table = await tuneTimeouts(await example('slow API'), { ...base, samples: n, model: { uniform: [4000, 6000] }, timeouts: [3000] });
    const [c] = table.candidates;
    const p = (summary: string): number => c?.paths.find((x) => x.summary === summary)?.probability ?? 0;
    const se = Math.sqrt(0.25 / n);
    expect(Math.abs(p('check.success → end') - 0.25025)).toBeLessThan(4 * se);
    expect(Math.abs(p('check.waiting → check.success → end') - 0.25)).toBeLessThan(4 * se);
    expect(Math.abs((c?.handoverProbability ?? 0) - 0.49975)).toBeLessThan(4 * se);
    expect(c?.deadAirMs?.p95).toBe(3000);
  }, 30_000);

  it('samples what else is random in the mocks with a seed per sample: a 20 % fault rate hands over about 20 %', async () => {
    const fast = await example('fast API');
    const faulty: LoadedScenario = { ...fast, overrides: { order_status: { latency: { fixed: 300 }, faults: [{ kind: 'status', status: 503, rate: 0.2 }] } } };
    const n = 2000;
    const table = await tuneTimeouts(faulty, { ...base, samples: n, model: { fixed: 300 }, timeouts: [3000] });
    expect(table.simulated).toBe(n); // the fault draw depends on each sample's seed: every run is simulated
    // 503 → check.failure → sorry → handover. SE = √(0.2·0.8/2000) = 0.0089.
    expect(Math.abs((table.candidates[0]?.handoverProbability ?? 0) - 0.2)).toBeLessThan(4 * 0.0089);
  }, 30_000);

  it('gives the same table for the same seed, byte for byte, and opens any path from its sample', async () => {
    const slow = await example('slow API');
    const faulty: LoadedScenario = { ...slow, overrides: { order_status: { latency: { fixed: 0 }, faults: [{ kind: 'status', status: 503, rate: 0.05 }] } } };
    const options: TuneOptions = { ...base, samples: 200, model: { lognormal: { medianMs: 800, p99Ms: 6000 } }, timeouts: [1000, 2000, 3000] };
    const a = JSON.stringify(await tuneTimeouts(faulty, options));
    const b = JSON.stringify(await tuneTimeouts(faulty, options));
    expect(a).toBe(b);
    expect(JSON.stringify(await tuneTimeouts(faulty, { ...options, seed: 12 }))).not.toBe(a);
    // Every path's sample, run again with the candidate's flow, its latency and its seed, takes that path.
    const table = TuneTable.parse(JSON.parse(a));
    for (const candidate of table.candidates) {
      const patched: LoadedScenario = { ...faulty, flow: patchFlow(faulty.flow, candidate.patch) };
      for (const path of candidate.paths) {
        const result = runScenario(patched, { seed: path.sample.seed, endpointLatency: { order_status: path.sample.latencyMs } });
        expect(result.path.join(' ')).toBe(path.path.join(' '));
      }
    }
  }, 30_000);

  it('reports progress and yields while it works', async () => {
    const seen: number[] = [];
    let pauses = 0;
    await tuneTimeouts(await example('slow API'), { ...base, samples: 500, model: { fixed: 100 }, timeouts: [1000, 2000] }, {
      onProgress: (done, total) => {
        expect(total).toBe(1000);
        seen.push(done);
      },
      pause: async () => {
        pauses++;
      },
    });
    expect(seen).toEqual([250, 500, 750, 1000, 1000]);
    expect(pauses).toBe(4);
  });
});

describe('what a tune varies', () => {
  it('finds the awaits of the endpoint and the counter on their waiting loop', async () => {
    const { flow } = await example('slow API');
    expect(tuneTargets(flow, 'order_status')).toEqual({ awaits: [{ id: 'check', timeoutMs: 3000 }], counters: [{ id: 'tries', max: 2 }] });
    expect(() => tuneTargets(flow, 'order_status', 'tries')).toThrow("'tries' is not an api_await of endpoint 'order_status' (they are: check)");
  });

  it('tries 1000 ms up to the endpoint timeout in about eight steps, with the flow\'s own value', () => {
    expect(defaultTimeouts(5000, [3000])).toEqual([1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000]);
    expect(defaultTimeouts(5000, [1234])).toEqual([1000, 1234, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000]);
    // (30000 − 1000) / 8 = 3625 = 14.5 quarter seconds, rounded to 15: steps of 3750 from 1000, and the end.
    expect(defaultTimeouts(30_000, [])).toEqual([1000, 4750, 8500, 12_250, 16_000, 19_750, 23_500, 27_250, 30_000]);
  });

  it('refuses what it cannot tune', async () => {
    const slow = await example('slow API');
    await expect(tuneTimeouts(slow, { ...base, endpoint: 'nope', model: { fixed: 1 } })).rejects.toThrow("the flow has no endpoint 'nope' (endpoints: order_status)");
    const noLoop: LoadedScenario = { ...slow, flow: { ...slow.flow, modules: slow.flow.modules.map((m) => (m.id === 'check' ? { ...m, ports: { ...m.ports, waiting: 'sorry' } } : m)) } };
    await expect(tuneTimeouts(noLoop, { ...base, model: { fixed: 1 }, counters: [3] })).rejects.toThrow('no counter on the await loop of check: --counter has nothing to change');
  });
});
