import { describe, expect, it } from 'vitest';
import { faultForm, latencyForm, newFault, numberList, routeOverride } from '../../renderer/src/mock-server/route-form';

describe('mock route forms', () => {
  it('turns every latency model into a form and back', () => {
    for (const latency of [{ fixed: 6000 }, { uniform: [100, 900] as [number, number] }, { normal: { meanMs: 800, sdMs: 100 } }, { lognormal: { medianMs: 800, p99Ms: 6000 } }, { sequence: [300, 800, 6000] }]) {
      const result = routeOverride(latencyForm(latency), []);
      expect(result).toEqual({ ok: true, value: { latency, faults: [] } });
    }
  });

  it('turns faults into forms and back, by rate or by request number', () => {
    const faults = [
      { kind: 'status' as const, status: 503, rate: 0.05 },
      { kind: 'reset' as const, nth: [3, 5] },
      { kind: 'slow_body' as const, ms: 2000, rate: 1 },
    ];
    const result = routeOverride(latencyForm({ fixed: 0 }), faults.map(faultForm));
    expect(result).toEqual({ ok: true, value: { latency: { fixed: 0 }, faults } });
  });

  it('reports values the contract refuses, with their paths', () => {
    const result = routeOverride({ ...latencyForm({ fixed: 0 }), kind: 'uniform', min: 900, max: 100 }, [{ ...newFault(), trigger: 'nth', nth: '3, x' }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(['latency.uniform', 'faults[0].nth[1]']);
  });

  it('reads number lists the way people type them', () => {
    expect(numberList('300, 800 6000;')).toEqual([300, 800, 6000]);
    expect(numberList('')).toEqual([]);
  });
});
