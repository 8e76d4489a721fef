import { describe, expect, it } from 'vitest';
import type { TuneCandidate, TuneTable } from '../../main/api/routes/analysis-tune';
import { parseLatencyModel } from '../../renderer/src/analysis/latency-model-text';
import { niceCeil, tuneChart } from '../../renderer/src/analysis/tune-chart';

const candidate = (timeoutMs: number, handover: number, deadP95: number, within: boolean): TuneCandidate => ({
  timeoutMs,
  counterMax: 2,
  patch: { check: { timeoutMs } },
  endStates: [{ state: 'handover', count: Math.round(handover * 100), probability: handover }],
  handoverProbability: handover,
  paths: [],
  deadAirMs: { p50: 0, p95: deadP95 },
  callMs: { p50: 6000, p95: 8000 },
  withinDeadAir: within,
});

const table: TuneTable = {
  scenario: 's',
  file: 'f',
  endpoint: 'order_status',
  awaits: [{ id: 'check', timeoutMs: 3000 }],
  counters: [{ id: 'tries', max: 2 }],
  latency: { model: { fixed: 100 }, description: 'fixed 100 ms', fit: null },
  samples: 100,
  seed: 1,
  maxDeadAirMs: 3000,
  runs: 300,
  simulated: 3,
  endStates: ['end', 'handover'],
  candidates: [candidate(1000, 0.2, 1000, true), candidate(2000, 0.1, 2000, true), candidate(4000, 0.05, 4000, false)],
  recommendation: { candidate: 1, timeoutMs: 2000, counterMax: 2, reason: 'lowest' },
  note: null,
};

describe('the tune chart', () => {
  it('rounds axis ends up to 1, 2 or 5 × 10ⁿ', () => {
    expect([niceCeil(4200), niceCeil(0.21), niceCeil(3000), niceCeil(0)]).toEqual([5000, 0.5, 5000, 0]);
  });

  it('puts each candidate at (p95 dead air, handover probability), the limit and the recommendation marked', () => {
    // x: max(4000, limit 3000) × 1.05 = 4200 → 5000 ms over 500 px; y: 0.2 × 1.05 = 0.21 → 0.5 over 200 px.
    const chart = tuneChart(table, { left: 50, top: 10, width: 500, height: 200 });
    expect([chart.xMax, chart.yMax]).toEqual([5000, 0.5]);
    // 1000 ms → 50 + 100 = 150; 20 % → 10 + 200 − 80 = 130. 2000 ms → 250; 10 % → 170. 4000 ms → 450; 5 % → 190.
    expect(chart.points.map((p) => [p.x, p.y, p.recommended, p.within])).toEqual([
      [150, 130, false, true],
      [250, 170, true, true],
      [450, 190, false, false],
    ]);
    // The limit at 3000 ms: 50 + 300 = 350.
    expect(chart.limitX).toBe(350);
    // Ticks every niceCeil(5000 / 5) = 1000 ms and niceCeil(0.5 / 5) = 10 %.
    expect(chart.xTicks.map((t) => t.label)).toEqual(['0 ms', '1 s', '2 s', '3 s', '4 s', '5 s']);
    expect(chart.yTicks.map((t) => t.label)).toEqual(['0 %', '10 %', '20 %', '30 %', '40 %', '50 %']);
    expect(chart.points[1]?.label).toBe('2000 ms');
  });

  it('uses the p95 call length for a chat flow (no dead air)', () => {
    const chat = { ...table, candidates: table.candidates.map((c) => ({ ...c, deadAirMs: null })) };
    const chart = tuneChart(chat, { left: 0, top: 0, width: 100, height: 100 });
    expect(chart.xLabel).toContain('call length');
    // 8000 × 1.05 = 8400 → 10,000 ms; no dead-air limit on that axis.
    expect([chart.xMax, chart.limitX]).toEqual([10_000, null]);
  });
});

describe('a latency model typed in', () => {
  it('reads the syntax of sweep --distribution, and words what is wrong', () => {
    expect(parseLatencyModel('{ lognormal: { medianMs: 800, p99Ms: 6000 } }')).toEqual({ ok: true, model: { lognormal: { medianMs: 800, p99Ms: 6000 } } });
    const bad = parseLatencyModel('{ lognormal: { medianMs: 800, p99Ms: 100 } }');
    expect(bad).toEqual({ ok: false, message: expect.stringContaining('p99Ms >= medianMs') });
    expect(parseLatencyModel('{ fixed: ').ok).toBe(false);
  });
});
