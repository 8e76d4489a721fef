import autocannon from 'autocannon';
import { Pool } from 'undici';

export interface Throughput {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** autocannon against one URL: a short warm-up, then the measured run. */
export async function throughput(url: string, seconds: number, connections: number): Promise<Throughput> {
  await autocannon({ url, connections, duration: Math.min(2, seconds) });
  const result = await autocannon({ url, connections, duration: seconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const WARMUP_MS = 2000;

export interface LatencySample {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * Client-side latency with sub-millisecond resolution (autocannon's histogram keeps whole
 * ms): `connections` keep-alive connections, each sending its next request when the last
 * one answered.
 */
export async function preciseLatency(url: string, seconds: number, connections: number): Promise<LatencySample> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections, pipelining: 1 });
  const samples: number[] = [];
  const warmUntil = performance.now() + WARMUP_MS;
  const until = warmUntil + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        const res = await pool.request({ path: target.pathname, method: 'GET' });
        await res.body.arrayBuffer();
        // Connections open and both sides' JIT warm up first; those requests are not counted.
        if (started >= warmUntil) samples.push(performance.now() - started);
      }
    }),
  );
  await pool.close();
  samples.sort((a, b) => a - b);
  const at = (q: number): number => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
  return { count: samples.length, p50: at(0.5), p99: at(0.99), max: samples[samples.length - 1] ?? NaN };
}
