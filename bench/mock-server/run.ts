/**
 * bench/mock-server: requests per second of bare Express, flowbench's mock server and
 * @mockoon/cli answering the same route, measured with autocannon in the same run, each
 * server in its own process; then the latency accuracy of a fixed 100 ms route at 100
 * connections. Goals: ≥ 0.85× bare Express, ≥ 1.5× @mockoon/cli, p99 error ≤ 2 ms.
 *   BENCH_SECONDS (default 8) per measured run; BENCH_ROUNDS (default 3) rounds, alternating order.
 * Ratios are the median of per-round ratios: each round measures the three back to back,
 * so a busy neighbour on the machine skews one round, not the verdict.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_PATH, EXPECTED_BODY } from './bench-route';
import { freePort, startCommandServer, startTsServer } from './child-server';
import type { ChildServer } from './child-server';
import { preciseLatency, throughput } from './measure';
import type { LatencySample, Throughput } from './measure';
import { mockoonEnvironment } from './mockoon-environment';

const root = join(import.meta.dirname, '..', '..');
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 8);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const CONNECTIONS = 100;

async function checkAnswer(server: ChildServer): Promise<void> {
  const res = await fetch(`${server.url}${BENCH_PATH}`);
  const body: unknown = await res.json();
  if (res.status !== 200 || JSON.stringify(body) !== JSON.stringify(EXPECTED_BODY)) {
    throw new Error(`${server.name} answers ${res.status} ${JSON.stringify(body)}, expected 200 ${JSON.stringify(EXPECTED_BODY)}`);
  }
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function describe(l: LatencySample): string {
  return `p50 ${l.p50.toFixed(2)} ms (error ${(l.p50 - 100).toFixed(2)}), p99 ${l.p99.toFixed(2)} ms (error ${(l.p99 - 100).toFixed(2)}), max ${l.max.toFixed(2)} ms, ${l.count} requests`;
}

/** How late the server itself answered (journal: arrival to answer sent), for the last 1,000 requests. */
async function serverSideErrors(url: string): Promise<{ p50: number; p99: number; count: number }> {
  const res = await fetch(`${url}/__flowbench/journal?route=slow_order&limit=1000`);
  const page = (await res.json()) as { entries: { durationMs: number; latencyMs: number }[] };
  const errors = page.entries.map((e) => e.durationMs - e.latencyMs).sort((a, b) => a - b);
  const at = (q: number): number => errors[Math.min(errors.length - 1, Math.floor(q * errors.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), count: errors.length };
}

function medianRatio(a: readonly Throughput[] | undefined, b: readonly Throughput[] | undefined): number {
  const ratios = (a ?? []).map((x, i) => x.rps / (b?.[i]?.rps ?? NaN)).sort((x, y) => x - y);
  const mid = Math.floor(ratios.length / 2);
  return ratios.length % 2 === 1 ? (ratios[mid] ?? NaN) : ((ratios[mid - 1] ?? NaN) + (ratios[mid] ?? NaN)) / 2;
}

function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

async function main(): Promise<void> {
  console.log(`node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; ${ROUNDS} round(s) of ${SECONDS} s at ${CONNECTIONS} connections`);
  const dir = mkdtempSync(join(tmpdir(), 'flowbench-bench-'));
  const servers: ChildServer[] = [];
  try {
    servers.push(await startTsServer('bare Express', join(import.meta.dirname, 'servers', 'bare-express.ts'), root));
    servers.push(await startTsServer('flowbench mock', join(import.meta.dirname, 'servers', 'flowbench-mock.ts'), root));
    const mockoonPort = await freePort();
    const envFile = join(dir, 'mockoon-env.json');
    writeFileSync(envFile, JSON.stringify(mockoonEnvironment(mockoonPort)));
    servers.push(
      await startCommandServer(
        '@mockoon/cli',
        process.execPath,
        [join(root, 'node_modules', '@mockoon', 'cli', 'bin', 'run.js'), 'start', '--data', envFile, '--port', String(mockoonPort), '--hostname', '127.0.0.1', '--disable-log-to-file'],
        mockoonPort,
        BENCH_PATH,
      ),
    );
    for (const server of servers) await checkAnswer(server);

    const results = new Map<string, Throughput[]>(servers.map((s) => [s.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? servers : [...servers].reverse();
      for (const server of order) {
        const r = await throughput(`${server.url}${BENCH_PATH}`, SECONDS, CONNECTIONS);
        results.get(server.name)?.push(r);
        console.log(
          `  round ${round + 1} ${server.name.padEnd(15)} ${Math.round(r.rps).toString().padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}  non-2xx ${r.non2xx}`,
        );
      }
    }
    const rps = (name: string): number => mean((results.get(name) ?? []).map((r) => r.rps));
    const express = rps('bare Express');
    const flowbench = rps('flowbench mock');
    const mockoon = rps('@mockoon/cli');
    console.log('\nthroughput (mean req/s)');
    console.log(`  bare Express     ${Math.round(express)}`);
    console.log(`  flowbench mock   ${Math.round(flowbench)}`);
    console.log(`  @mockoon/cli     ${Math.round(mockoon)}`);
    const vsExpress = medianRatio(results.get('flowbench mock'), results.get('bare Express'));
    const vsMockoon = medianRatio(results.get('flowbench mock'), results.get('@mockoon/cli'));
    console.log(`  flowbench / bare Express = ${vsExpress.toFixed(2)}× median of rounds (mean ${(flowbench / express).toFixed(2)}×; goal ≥ 0.85×: ${verdict(vsExpress >= 0.85)})`);
    console.log(`  flowbench / @mockoon/cli = ${vsMockoon.toFixed(2)}× median of rounds (mean ${(flowbench / mockoon).toFixed(2)}×; goal ≥ 1.5×: ${verdict(vsMockoon >= 1.5)})`);

    const [bareServer, flowbenchServer] = servers;
    if (bareServer === undefined || flowbenchServer === undefined) throw new Error('servers missing');
    console.log(`\nlatency accuracy: fixed 100 ms at ${CONNECTIONS} connections, ${SECONDS} s each (after a warm-up)`);
    const coarse = await throughput(`${flowbenchServer.url}/slow/1`, SECONDS, CONNECTIONS);
    console.log(
      `  flowbench, autocannon (whole ms):  p50 ${coarse.p50} ms (error ${coarse.p50 - 100}), p99 ${coarse.p99} ms (error ${coarse.p99 - 100}), ${Math.round(coarse.rps)} req/s, errors ${coarse.errors}`,
    );
    const fine = await preciseLatency(`${flowbenchServer.url}/slow/1`, SECONDS, CONNECTIONS);
    console.log(`  flowbench, client hrtime:          ${describe(fine)}`);
    const served = await serverSideErrors(flowbenchServer.url);
    console.log(`  flowbench, server side (journal):  p50 error ${served.p50.toFixed(2)} ms, p99 error ${served.p99.toFixed(2)} ms over ${served.count} requests`);
    const floor = await preciseLatency(`${bareServer.url}/slow/1`, SECONDS, CONNECTIONS);
    console.log(`  bare Express + setTimeout (floor): ${describe(floor)}`);
    const p99Error = fine.p99 - 100;
    console.log(`  p99 error ≤ 2 ms (client side): ${verdict(p99Error <= 2)}; server side: ${verdict(served.p99 <= 2)}`);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
