import { describe, expect, it } from 'vitest';
import type { Latency } from '../../../main/api/formats/mocks';
import { describeLatency, requestDraws, sampleLatency } from '../../../mocks/core';
import { quantile } from './mocks-fixture';

function draws(model: Latency, count: number, seed = 1): number[] {
  return Array.from({ length: count }, (_, i) => sampleLatency(model, i + 1, requestDraws(seed, 'r', i + 1)));
}

describe('latency models', () => {
  it('fixed is always the same', () => {
    expect(new Set(draws({ fixed: 120 }, 100))).toEqual(new Set([120]));
  });

  it('uniform stays in [min, max] and covers it', () => {
    const xs = draws({ uniform: [100, 200] }, 5000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...xs)).toBeLessThanOrEqual(200);
    expect(Math.min(...xs)).toBeLessThan(105);
    expect(Math.max(...xs)).toBeGreaterThan(195);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(145);
    expect(mean).toBeLessThan(155);
  });

  it('normal has the mean and sd asked for, never below 0', () => {
    const xs = draws({ normal: { meanMs: 500, sdMs: 100 } }, 20_000);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeGreaterThan(495);
    expect(mean).toBeLessThan(505);
    expect(sd).toBeGreaterThan(96);
    expect(sd).toBeLessThan(104);
    expect(Math.min(...draws({ normal: { meanMs: 10, sdMs: 100 } }, 2000))).toBe(0);
  });

  it('lognormal gets the median and p99 roughly right over many seeded draws', () => {
    const xs = draws({ lognormal: { medianMs: 800, p99Ms: 6000 } }, 40_000).sort((a, b) => a - b);
    const median = quantile(xs, 0.5);
    const p99 = quantile(xs, 0.99);
    expect(median).toBeGreaterThan(800 * 0.95);
    expect(median).toBeLessThan(800 * 1.05);
    expect(p99).toBeGreaterThan(6000 * 0.88);
    expect(p99).toBeLessThan(6000 * 1.12);
    expect(xs[0]).toBeGreaterThan(0);
  });

  it('sequence gives one value per request and then repeats the last', () => {
    expect(draws({ sequence: [10, 20, 30] }, 6)).toEqual([10, 20, 30, 30, 30, 30]);
  });

  it('the same seed gives the same draws, another seed others', () => {
    const model: Latency = { lognormal: { medianMs: 300, p99Ms: 3000 } };
    expect(draws(model, 50, 42)).toEqual(draws(model, 50, 42));
    expect(draws(model, 50, 42)).not.toEqual(draws(model, 50, 43));
  });

  it('describes each model in one line', () => {
    expect(describeLatency({ fixed: 5 })).toBe('fixed 5 ms');
    expect(describeLatency({ lognormal: { medianMs: 800, p99Ms: 6000 } })).toBe('lognormal median 800 ms, p99 6000 ms');
    expect(describeLatency({ sequence: [1, 2] })).toBe('sequence 1, 2 ms');
  });
});
