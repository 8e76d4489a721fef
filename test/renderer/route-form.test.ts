import { describe, expect, it } from 'vitest';
import { faultForm, latencyForm, latencyValue, newFault, routeOverride } from '../../renderer/src/mock-server/route-form';
import { ordinal, parseCountList, parseMillis, parseMillisList } from '../../renderer/src/mock-server/millis-field';

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

  it('refuses values by the field they are typed in, with a reason, and applies nothing', () => {
    const result = routeOverride({ ...latencyForm({ fixed: 0 }), kind: 'uniform', min: '900', max: '100' }, [{ ...newFault(), trigger: 'nth', nth: '3, x' }]);
    expect(result).toEqual({
      ok: false,
      issues: [],
      errors: {
        max: 'the maximum must be at least the minimum (900 ms)',
        'faults[0].nth': '2nd value: "x" is not a request number from 1 to 1,000,000',
      },
    });
  });

  it('never turns "-500" into 0 ms, "12.7" into 13 ms or 99,999,999 ms into 24 h', () => {
    const fixed = (text: string) => latencyValue({ ...latencyForm({ fixed: 0 }), fixed: text });
    expect(fixed('-500')).toEqual({ ok: false, errors: { fixed: 'a time cannot be negative: enter 0 ms or more' } });
    expect(fixed('12.7')).toEqual({ ok: false, errors: { fixed: 'use whole milliseconds: 12.7 ms has a fraction (try 13)' } });
    // 24 h = 24 × 60 × 60 × 1000 = 86,400,000 ms: the schema's bound; one more is refused.
    expect(fixed('99999999')).toEqual({ ok: false, errors: { fixed: 'at most 86,400,000 ms (24 h)' } });
    expect(fixed('86400001')).toEqual({ ok: false, errors: { fixed: 'at most 86,400,000 ms (24 h)' } });
    expect(fixed('86400000')).toEqual({ ok: true, value: { fixed: 86_400_000 } });
    expect(fixed('')).toEqual({ ok: false, errors: { fixed: 'enter a time in ms, e.g. 800' } });
    expect(fixed('fast')).toEqual({ ok: false, errors: { fixed: '"fast" is not a number of milliseconds (e.g. 800)' } });
    expect(fixed(' 1 500 ms')).toEqual({ ok: true, value: { fixed: 1500 } });
  });

  it('checks every field of the other latency models', () => {
    const lognormal = latencyValue({ ...latencyForm({ fixed: 0 }), kind: 'lognormal', median: '0', p99: '-1' });
    expect(lognormal).toEqual({ ok: false, errors: { median: 'at least 1 ms', p99: 'a time cannot be negative: enter 0 ms or more' } });
    expect(latencyValue({ ...latencyForm({ fixed: 0 }), kind: 'lognormal', median: '800', p99: '600' })).toEqual({ ok: false, errors: { p99: 'the 99th percentile must be at least the median (800 ms)' } });
    expect(latencyValue({ ...latencyForm({ fixed: 0 }), kind: 'normal', mean: '800', sd: '0.5' })).toEqual({ ok: false, errors: { sd: 'use whole milliseconds: 0.5 ms has a fraction (try 1)' } });
    expect(latencyValue({ ...latencyForm({ fixed: 0 }), kind: 'sequence', sequence: '300, -800, 6000' })).toEqual({ ok: false, errors: { sequence: '2nd value: a time cannot be negative: enter 0 ms or more' } });
    const slow = routeOverride(latencyForm({ fixed: 0 }), [{ ...newFault(), kind: 'slow_body', ms: '1e9' }]);
    expect(slow).toEqual({ ok: false, issues: [], errors: { 'faults[0].ms': 'at most 86,400,000 ms (24 h)' } });
  });

  it('reads lists the way people type them', () => {
    expect(parseMillisList('300, 800 6000;')).toEqual({ ok: true, value: [300, 800, 6000] });
    expect(parseMillisList('')).toEqual({ ok: false, reason: 'enter at least one time in ms, e.g. 300, 800, 6000' });
    expect(parseCountList('3 5', 10)).toEqual({ ok: true, value: [3, 5] });
    expect(parseCountList('0', 10)).toEqual({ ok: false, reason: '1st value: "0" is not a request number from 1 to 10' });
    expect(parseMillis('0')).toEqual({ ok: true, value: 0 });
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '111th']);
  });
});
