import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Pool } from 'undici';

export interface Throughput {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** The server process's CPU time per answered request (µs), null where /proc cannot tell. */
  cpuUs: number | null;
}

/**
 * CPU time (user + system, all threads) a process has used, in ms: /proc/<pid>/stat counts in
 * clock ticks of 10 ms on Linux. Null elsewhere.
 */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

/**
 * autocannon against one URL: a short warm-up, then the measured run. With the server's `pid`,
 * also its CPU time per request: unlike requests per second, it hardly moves when other
 * processes compete for the cores.
 */
export async function throughput(url: string, seconds: number, connections: number, pid?: number): Promise<Throughput> {
  await autocannon({ url, connections, duration: Math.min(2, seconds) });
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({ url, connections, duration: seconds });
  const cpuAfter = cpuMs(pid);
  const answered = result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    cpuUs: cpuBefore !== null && cpuAfter !== null && answered > 0 ? ((cpuAfter - cpuBefore) * 1000) / answered : null,
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
