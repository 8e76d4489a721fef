import type { Fault, Latency, MocksFile } from '../api/formats/mocks';

/**
 * The mock set with every latency and slow-body duration multiplied by `timeScale`, so a
 * real-clock run at 0.25 takes a quarter of the time and still sees the same order of events.
 */
export function scaleMocks(mocks: MocksFile, timeScale: number): MocksFile {
  if (timeScale === 1) return mocks;
  const ms = (value: number): number => Math.max(0, Math.round(value * timeScale));
  const latency = (l: Latency): Latency => {
    if ('fixed' in l) return { fixed: ms(l.fixed) };
    if ('uniform' in l) return { uniform: [ms(l.uniform[0]), ms(l.uniform[1])] };
    if ('normal' in l) return { normal: { meanMs: ms(l.normal.meanMs), sdMs: ms(l.normal.sdMs) } };
    if ('lognormal' in l) return { lognormal: { medianMs: l.lognormal.medianMs * timeScale, p99Ms: l.lognormal.p99Ms * timeScale } };
    return { sequence: l.sequence.map(ms) };
  };
  const fault = (f: Fault): Fault => (f.kind === 'slow_body' ? { ...f, ms: ms(f.ms) } : f);
  return { ...mocks, routes: mocks.routes.map((r) => ({ ...r, latency: latency(r.latency), faults: r.faults.map(fault) })) };
}
