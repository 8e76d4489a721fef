import { describe, expect, it } from 'vitest';
import { portCoverage } from '../../../main/analysis/coverage';
import { sweepLatency } from '../../../main/analysis/sweep';
import { sweepDistribution } from '../../../main/analysis/sweep-distribution';
import { sweepMap } from '../../../main/analysis/sweep-map';
import { FileLoader } from '../../../main/formats/file-loader';
import { runScenario } from '../../../main/scenario/run-scenario';
import { examplesDir } from '../../support/paths';
import { endpoint, flow, mocks, route, scenario } from '../../support/scenario-builder';

const loader = new FileLoader(examplesDir);
const voice = async () => (await loader.loadScenarios('scenarios/order-status.scenario.yaml'))[1]!; // "slow API"

describe('boundary explorer', () => {
  /*
   * Worked out from SPEC §3 for the example voice flow. greet says 5 words: 0–2000 ms. The user
   * starts at 2000 + 400 and says 2 words (800 ms): the message arrives at 3200, read and
   * lookup send order_status at 3200 (deadline 3200 + 5000 = 8200). hold speaks, pause waits
   * 1500: the first await starts at 4700 with T = 3000 and waits until min(A, 7700, 8200).
   *   A = 3200 + L ≤ 7700  ⇔ L ≤ 4500: routed at the first await → success.
   *   L > 4500: module timeout at 7700 → waiting; tries → the second await waits until
   *   min(A, 10700, 8200): A ≤ 8200 ⇔ L ≤ 5000 → success; L > 5000 → D = 8200 ≤ 10700 →
   *   failure (endpoint_timeout) → sorry → handover.
   */
  it('finds the bands of the example voice scenario over 0–8000 ms, to the exact ms', async () => {
    const result = sweepLatency(await voice(), { endpoint: 'order_status', from: 0, to: 8000, step: 50 });
    expect(result.bands.map((b) => [b.from, b.to, b.summary])).toEqual([
      [0, 4500, 'check.success → end'],
      [4501, 5000, 'check.waiting → check.success → end'],
      [5001, 8000, 'check.waiting → check.failure → handover'],
    ]);
  });

  it('finds the exact boundaries by bisection even with a coarse grid', async () => {
    const coarse = sweepLatency(await voice(), { endpoint: 'order_status', from: 0, to: 8000, step: 2000 });
    expect(coarse.bands.map((b) => [b.from, b.to])).toEqual([[0, 4500], [4501, 5000], [5001, 8000]]);
    expect(coarse.runs).toBeLessThan(40);
  });

  it('finds a band narrower than the grid step when a bisection lands in it', () => {
    // Sent at 0 with deadline 1001; the first await gives up at 1000. Only a latency of exactly
    // 1001 misses the first await and still beats the deadline: a band 1 ms wide, between grid
    // points 3000 ms apart.
    const s = scenario({
      flow: flow({
        start: 'send',
        endpoints: [endpoint('e', { timeoutMs: 1001 })],
        modules: [
          { id: 'send', type: 'api_async', endpoint: 'e', ports: { next: 'check' } },
          { id: 'check', type: 'api_await', endpoint: 'e', timeoutMs: 1000, ports: { success: 'ok', waiting: 'again', failure: 'ko' } },
          { id: 'again', type: 'api_await', endpoint: 'e', timeoutMs: 5000, ports: { success: 'ok', waiting: 'ko', failure: 'ko' } },
          { id: 'ok', type: 'end' },
          { id: 'ko', type: 'handover' },
        ],
      }),
      mocks: mocks([route('e', 1)]),
    });
    const result = sweepLatency(s, { endpoint: 'e', from: 0, to: 3000, step: 3000 });
    expect(result.bands.map((b) => [b.from, b.to, b.summary])).toEqual([
      [0, 1000, 'check.success → end'],
      [1001, 1001, 'check.waiting → again.success → end'],
      [1002, 3000, 'check.waiting → again.failure → handover'],
    ]);
  });

  it('draws a 2-D map for two endpoints', () => {
    const s = scenario({
      flow: flow({
        start: 'a',
        endpoints: [endpoint('one', { timeoutMs: 1000 }), endpoint('two', { timeoutMs: 1000 })],
        modules: [
          { id: 'a', type: 'api', endpoint: 'one', ports: { success: 'b', failure: 'ko' } },
          { id: 'b', type: 'api', endpoint: 'two', ports: { success: 'ok', failure: 'ko' } },
          { id: 'ok', type: 'end' },
          { id: 'ko', type: 'handover' },
        ],
      }),
      mocks: mocks([route('one', 1), route('two', 1)]),
    });
    const map = sweepMap(s, ['one', 'two'], { from: 0, to: 2000, step: 1000 });
    expect(map.rows).toEqual([0, 1000, 2000]);
    const label = (r: number, c: number): string => map.outcomes[map.cells[r]![c]!]!.summary;
    expect(label(0, 0)).toBe('a.success → b.success → end');
    expect(label(1, 1)).toBe('a.success → b.success → end');
    expect(label(0, 2)).toBe('a.success → b.failure → handover');
    expect(label(2, 0)).toBe('a.failure → handover');
  });

  it('gives path probabilities for a latency distribution, reproducibly', async () => {
    const model = { lognormal: { medianMs: 800, p99Ms: 6000 } };
    const a = sweepDistribution(await voice(), 'order_status', model, 2000, 7);
    const b = sweepDistribution(await voice(), 'order_status', model, 2000, 7);
    expect(a).toEqual(b);
    expect(a.outcomes.reduce((sum, o) => sum + o.count, 0)).toBe(2000);
    expect(a.outcomes[0]?.summary).toBe('check.success → end');
    // P(L ≤ 4500) for median 800, p99 6000: z = ln(4500/800)/σ with σ = ln(7.5)/2.326 ≈ 0.866 → z ≈ 1.995 → ≈ 97.7 %.
    expect(a.outcomes[0]!.probability).toBeGreaterThan(0.96);
    expect(a.outcomes[0]!.probability).toBeLessThan(0.99);
    for (const o of a.outcomes.filter((x) => x.summary === 'check.success → end')) expect(o.maxLatency).toBeLessThanOrEqual(4500);
  });
});

describe('port coverage', () => {
  it('reports exactly the ports the example scenarios take', async () => {
    const files = ['scenarios/order-status.scenario.yaml', 'scenarios/order-status-blocking.scenario.yaml', 'scenarios/refund-chat.scenario.yaml'];
    const scenarios = (await Promise.all(files.map((f) => loader.loadScenarios(f)))).flat();
    const runs = scenarios.map((s) => ({ scenario: s, result: runScenario(s) }));
    const flows = portCoverage(runs);
    const never = Object.fromEntries(flows.map((f) => [f.flow, f.ports.filter((p) => p.taken === 0).map((p) => `${p.module}.${p.port}`)]));
    expect(never).toEqual({
      'Order status (voice, async + await)': ['tries.exceeded'],
      'Order status (voice, blocking; the lint warns about it)': ['read.nomatch', 'lookup.not_found', 'unknown.next'],
      'Refund (chat, blocking API with a custom port)': [],
    });
    // Every port the traces took is counted, and no other.
    for (const f of flows) {
      const taken = new Set(runs.filter((r) => r.scenario.flow.name === f.flow).flatMap((r) => r.result.trace.flatMap((e) => (e.type === 'port' ? [`${e.module}.${e.port}`] : []))));
      expect(new Set(f.ports.filter((p) => p.taken > 0).map((p) => `${p.module}.${p.port}`))).toEqual(taken);
    }
    expect(flows.find((f) => f.flow.startsWith('Refund'))?.percent).toBe(100);
  });
});
