/**
 * bench/mock-server: requests per second of bare node:http, bare Express, flowbench's mock
 * server and @mockoon/cli answering the same route (`GET /orders/:id`, JSON), measured with
 * autocannon in the same run, each server in its own process; then the latency accuracy of a
 * fixed 100 ms route at 100 connections against a plain `setTimeout` in Express and node:http.
 * Goals (issue 19): flowbench ≥ 0.5× bare node:http, ≥ 1.5× @mockoon/cli; injected-delay p99
 * error within bare Express + setTimeout's + 2 ms.
 *   BENCH_SECONDS (default 8) per measured run; BENCH_ROUNDS (default 3) rounds, alternating order.
 * Ratios are the median of per-round ratios (see ratios.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_PATH, EXPECTED_BODY } from './bench-route';
import { freePort, startCommandServer, startTsServer } from './child-server';
import type { ChildServer } from './child-server';
import { preciseLatency, throughput } from './measure';
import type { LatencySample, Throughput } from './measure';
import { mockoonEnvironment } from './mockoon-environment';
import { describeLatency, mean, median, medianRatio, verdict } from './ratios';

const root = join(import.meta.dirname, '..', '..');
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 8);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const CONNECTIONS = 100;
const SLOW_MS = 100;

const NODE = 'bare node:http';
const EXPRESS = 'bare Express';
const FLOWBENCH = 'flowbench mock';
const MOCKOON = '@mockoon/cli';

async function checkAnswer(server: ChildServer): Promise<void> {
  const res = await fetch(`${server.url}${BENCH_PATH}`);
  const body: unknown = await res.json();
  if (res.status !== 200 || JSON.stringify(body) !== JSON.stringify(EXPECTED_BODY)) {
    throw new Error(`${server.name} answers ${res.status} ${JSON.stringify(body)}, expected 200 ${JSON.stringify(EXPECTED_BODY)}`);
  }
}

/** How late the server itself answered (journal: arrival to answer sent), for the last 1,000 requests. */
async function serverSideErrors(url: string): Promise<{ p50: number; p99: number; count: number }> {
  const res = await fetch(`${url}/__flowbench/journal?route=slow_order&limit=1000`);
  const page = (await res.json()) as { entries: { durationMs: number; latencyMs: number }[] };
  const errors = page.entries.map((e) => e.durationMs - e.latencyMs).sort((a, b) => a - b);
  const at = (q: number): number => errors[Math.min(errors.length - 1, Math.floor(q * errors.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), count: errors.length };
}

/** Starts the four servers into `servers` (so that a failure still stops those already started). */
async function startServers(dir: string, servers: ChildServer[]): Promise<void> {
  // node:http and flowbench side by side (in both orders), so the main ratio compares neighbours in time.
  servers.push(await startTsServer(NODE, join(import.meta.dirname, 'servers', 'bare-node-http.ts'), root));
  servers.push(await startTsServer(FLOWBENCH, join(import.meta.dirname, 'servers', 'flowbench-mock.ts'), root));
  servers.push(await startTsServer(EXPRESS, join(import.meta.dirname, 'servers', 'bare-express.ts'), root));
  const mockoonPort = await freePort();
  const envFile = join(dir, 'mockoon-env.json');
  writeFileSync(envFile, JSON.stringify(mockoonEnvironment(mockoonPort)));
  const mockoonCli = join(root, 'node_modules', '@mockoon', 'cli', 'bin', 'run.js');
  const args = [mockoonCli, 'start', '--data', envFile, '--port', String(mockoonPort), '--hostname', '127.0.0.1', '--disable-log-to-file'];
  servers.push(await startCommandServer(MOCKOON, process.execPath, args, mockoonPort, BENCH_PATH));
}

async function measureThroughput(servers: readonly ChildServer[]): Promise<Map<string, Throughput[]>> {
  const results = new Map<string, Throughput[]>(servers.map((s) => [s.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? servers : [...servers].reverse();
    for (const server of order) {
      const r = await throughput(`${server.url}${BENCH_PATH}`, SECONDS, CONNECTIONS, server.pid);
      results.get(server.name)?.push(r);
      const cpu = r.cpuUs === null ? '' : `  ${r.cpuUs.toFixed(1)} µs CPU/request`;
      console.log(
        `  round ${round + 1} ${server.name.padEnd(15)} ${Math.round(r.rps).toString().padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}  non-2xx ${r.non2xx}${cpu}`,
      );
    }
  }
  return results;
}

function reportThroughput(results: Map<string, Throughput[]>): void {
  const rps = (name: string): number => mean((results.get(name) ?? []).map((r) => r.rps));
  const vsNode = (name: string): number => medianRatio(results.get(name), results.get(NODE));
  const cpu = (name: string): number => median((results.get(name) ?? []).map((r) => r.cpuUs ?? NaN));
  console.log('\nthroughput: mean req/s, the median of per-round ratios to bare node:http; the server\'s CPU per request (median)');
  for (const name of [NODE, EXPRESS, FLOWBENCH, MOCKOON]) {
    const cpuText = Number.isNaN(cpu(name)) ? '' : `   ${cpu(name).toFixed(1).padStart(6)} µs CPU/request (node:http / it = ${(cpu(NODE) / cpu(name)).toFixed(2)}×)`;
    console.log(`  ${name.padEnd(15)} ${Math.round(rps(name)).toString().padStart(7)} req/s   ${vsNode(name).toFixed(2)}× node:http${cpuText}`);
  }
  const flowbenchVsNode = vsNode(FLOWBENCH);
  const vsExpress = medianRatio(results.get(FLOWBENCH), results.get(EXPRESS));
  const vsMockoon = medianRatio(results.get(FLOWBENCH), results.get(MOCKOON));
  console.log(`  flowbench / bare node:http = ${flowbenchVsNode.toFixed(2)}× (goal ≥ 0.5×: ${verdict(flowbenchVsNode >= 0.5)})`);
  console.log(`  flowbench / bare Express   = ${vsExpress.toFixed(2)}× (Express alone is ${(1 / vsNode(EXPRESS)).toFixed(1)}× slower than node:http)`);
  console.log(`  flowbench / @mockoon/cli   = ${vsMockoon.toFixed(2)}× (goal ≥ 1.5×: ${verdict(vsMockoon >= 1.5)})`);
}

/**
 * Rounds of (bare Express + setTimeout, flowbench, bare node:http + setTimeout) on the
 * 100 ms route; the verdict compares flowbench's p99 error with the Express floor's of the
 * same round (median over rounds), so a busy machine raises both.
 */
async function measureAccuracy(node: ChildServer, express: ChildServer, flowbench: ChildServer): Promise<void> {
  console.log(`\nlatency accuracy: fixed ${SLOW_MS} ms at ${CONNECTIONS} connections, ${SECONDS} s each (after a warm-up), ${ROUNDS} round(s)`);
  const coarse = await throughput(`${flowbench.url}/slow/1`, SECONDS, CONNECTIONS);
  console.log(
    `  flowbench, autocannon (whole ms):  p50 ${coarse.p50} ms (error ${coarse.p50 - SLOW_MS}), p99 ${coarse.p99} ms (error ${coarse.p99 - SLOW_MS}), ${Math.round(coarse.rps)} req/s, errors ${coarse.errors}`,
  );
  const margins: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const samples: [string, LatencySample][] = [];
    for (const server of [express, flowbench, node]) samples.push([server.name, await preciseLatency(`${server.url}/slow/1`, SECONDS, CONNECTIONS)]);
    for (const [name, sample] of samples) console.log(`  round ${round + 1} ${name.padEnd(15)} ${describeLatency(sample, SLOW_MS)}`);
    const [floor, ours] = [samples[0]?.[1], samples[1]?.[1]];
    if (floor && ours) margins.push(ours.p99 - floor.p99);
  }
  const served = await serverSideErrors(flowbench.url);
  console.log(`  flowbench, server side (journal):  p50 error ${served.p50.toFixed(2)} ms, p99 error ${served.p99.toFixed(2)} ms over ${served.count} requests`);
  const margin = median(margins);
  console.log(
    `  flowbench p99 error − bare Express + setTimeout p99 error = ${margin.toFixed(2)} ms, median of rounds (goal ≤ 2 ms: ${verdict(margin <= 2)}); server side p99 error ≤ 2 ms: ${verdict(served.p99 <= 2)}`,
  );
}

async function main(): Promise<void> {
  const load = loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${load}; ${ROUNDS} round(s) of ${SECONDS} s at ${CONNECTIONS} connections`);
  const dir = mkdtempSync(join(tmpdir(), 'flowbench-bench-'));
  const servers: ChildServer[] = [];
  try {
    await startServers(dir, servers);
    for (const server of servers) await checkAnswer(server);
    reportThroughput(await measureThroughput(servers));
    const [node, flowbench, express] = servers;
    if (node === undefined || express === undefined || flowbench === undefined) throw new Error('servers missing');
    await measureAccuracy(node, express, flowbench);
    console.log(`load at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
