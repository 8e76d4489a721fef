/**
 * bench/tune: `flowbench tune` over 8 await timeouts × 2,000 latency samples (16,000 runs)
 * of the example voice flow's slow-API scenario, lognormal latency median 800 / p99 6000 ms.
 * Goal: < 2 s on one core. Measured twice: as written (nothing random but the latency, so
 * each distinct latency is simulated once), and with a 5 % fault rate on the API (every
 * sample depends on its seed: all 16,000 runs are simulated). The figure is CPU time of this
 * process (the engine is single-threaded), so a busy machine does not inflate it; wall time
 * is shown beside it.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { tuneTimeouts } from '../../main/analysis/tune';
import type { TuneOptions } from '../../main/analysis/tune';
import { FileLoader } from '../../main/formats/file-loader';
import type { LoadedScenario } from '../../main/formats/loaded-scenario';

const root = join(import.meta.dirname, '..', '..');
const scenarios = await new FileLoader(join(root, 'examples')).loadScenarios('scenarios/order-status.scenario.yaml');
const slow = scenarios.find((s) => s.name.startsWith('slow API'));
if (!slow) throw new Error('the slow-API example scenario is missing');
const faulty: LoadedScenario = {
  ...slow,
  overrides: { ...slow.overrides, order_status: { ...slow.overrides['order_status'], faults: [{ kind: 'status', status: 503, rate: 0.05 }] } },
};

const options: TuneOptions = {
  endpoint: 'order_status',
  model: { lognormal: { medianMs: 800, p99Ms: 6000 } },
  timeouts: [1000, 1500, 2000, 2500, 3000, 3500, 4000, 5000],
  samples: 2000,
  seed: 7,
  maxDeadAirMs: 3000,
};

async function measure(label: string, scenario: LoadedScenario): Promise<void> {
  await tuneTimeouts(scenario, { ...options, samples: 250 }); // warm up the JIT
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const table = await tuneTimeouts(scenario, options);
  const wallMs = performance.now() - wallBefore;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const best = table.recommendation;
  console.log(`tune, ${label}: ${table.candidates.length} candidates × ${table.samples} samples = ${table.runs.toLocaleString('en')} runs (${table.simulated.toLocaleString('en')} simulated)`);
  console.log(`  ${(cpuMs / 1000).toFixed(2)} s CPU on one core (wall ${(wallMs / 1000).toFixed(2)} s)  (goal < 2 s)  ${cpuMs < 2000 ? 'OK' : 'BELOW GOAL'}`);
  console.log(`  recommended: ${best ? `timeout ${best.timeoutMs} ms${best.counterMax !== null ? `, counter max ${best.counterMax}` : ''} (${best.reason})` : table.note}`);
}

await measure('slow-API scenario', slow);
await measure('with a 5 % fault rate (every run simulated)', faulty);
