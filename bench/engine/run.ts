/**
 * bench/engine: how fast the virtual-time engine runs the examples' voice scenarios (and a
 * call with every voice turn event: silence, barge-in, DTMF, hang-up; and with a lambda and a
 * post hook inside the await loop, in the QuickJS sandbox), how
 * much conversation time it simulates per second of wall time, and 1,000 scenarios through
 * the CLI end to end. Goals: ≥ 10,000 runs/s on one core (both); 1,000 scenarios in < 3 s.
 * The sandbox's creation costs (WebAssembly module, runtime + prelude) are reported apart.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse, stringify } from 'yaml';
import { FileLoader } from '../../main/formats/file-loader';
import type { LoadedScenario } from '../../main/formats/loaded-scenario';
import { runScenario } from '../../main/scenario/run-scenario';
import { sweepLatency } from '../../main/analysis/sweep';
import { codeSandbox, loadCodeSandbox } from '../../main/sandbox/load-code-sandbox';
import { QuickJsSandbox } from '../../main/sandbox/quickjs-sandbox';
import { withCodeInAwaitLoop } from './code-scenarios';
import { buildIfStale } from '../../scripts/build-if-stale.mjs';

const root = join(import.meta.dirname, '..', '..');

async function voiceScenarios(): Promise<LoadedScenario[]> {
  const loader = new FileLoader(join(root, 'examples'));
  const all = [
    ...(await loader.loadScenarios('scenarios/order-status.scenario.yaml')),
    ...(await loader.loadScenarios('scenarios/order-status-blocking.scenario.yaml')),
  ];
  return all.filter((s) => s.flow.channel === 'voice');
}

/**
 * A voice call with every kind of turn event (SPEC §7.1): the caller stays silent (the
 * no-input handler reprompts), talks over the reprompt (cut), keys the order number in, and
 * hangs up after 3 s of dead air while the slow lookup is still in flight.
 */
async function turnEventsScenario(): Promise<LoadedScenario> {
  const loader = new FileLoader(join(root, 'examples'));
  const base = (await loader.loadScenarios('scenarios/order-keypad.scenario.yaml'))[0]!;
  const scenario: LoadedScenario = {
    ...base,
    name: 'voice turn events — silence, barge-in, DTMF, hang-up',
    overrides: { order_status: { latency: { fixed: 5000 } } },
    user: [{ silence: true }, { say: 'no idea', afterMs: -1000 }, { dtmf: '12345#', afterMs: 300 }, { hangup: { deadAirMs: 3000 } }],
    expect: [{ ends: 'hangup' }, { interruption: { kind: 'no_input', count: 1 } }],
  };
  const check = runScenario(scenario);
  const cut = check.trace.some((e) => e.type === 'say' && e.cutAt !== undefined);
  if (check.status !== 'passed' || !cut) throw new Error(`the turn-events bench scenario does not do what it says: ${JSON.stringify(check.checks)}`);
  return scenario;
}

/** CPU time of this process (user + system), in ms: on a shared machine, what one core gave us. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function measureEngine(scenarios: readonly LoadedScenario[], seconds: number): { runs: number; wallMs: number; cpuMs: number; simulatedMs: number } {
  for (let i = 0; i < 2000; i++) runScenario(scenarios[i % scenarios.length]!); // warm up the JIT
  let runs = 0;
  let simulatedMs = 0;
  const started = performance.now();
  const cpuStarted = cpuMs();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    for (const s of scenarios) {
      simulatedMs += runScenario(s).virtualMs;
      runs++;
    }
  }
  return { runs, wallMs: performance.now() - started, cpuMs: cpuMs() - cpuStarted, simulatedMs };
}

function perSecond(runs: number, ms: number): number {
  return Math.round((runs / ms) * 1000);
}

async function measureSandboxCreation(): Promise<{ loadMs: number; runtimeMs: number }> {
  const loadStarted = performance.now();
  await QuickJsSandbox.load(); // a second module: compile + instantiate the WebAssembly, first runtime
  const loadMs = performance.now() - loadStarted;
  const sandbox = codeSandbox();
  const runs = 20;
  const started = cpuMs();
  for (let i = 0; i < runs; i++) sandbox.reset();
  sandbox.run({ source: 'return', params: ['context', 'message'], inputs: [{}, ''], nowMs: 0, seed: 0, key: ['bench'], timeoutMs: 1000 });
  return { loadMs, runtimeMs: (cpuMs() - started) / runs };
}

function measureCli(count: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'flowbench-bench-'));
  try {
    const source = parse(readFileSync(join(root, 'examples', 'scenarios', 'order-status.scenario.yaml'), 'utf8')) as { scenarios: { name: string }[] };
    const scenarios = Array.from({ length: count }, (_, i) => {
      const entry = source.scenarios[i % source.scenarios.length]!;
      return { ...entry, name: `${i}: ${entry.name}` };
    });
    const file = {
      format: 'flowbench.scenario/1',
      flow: join(root, 'examples', 'flows', 'order-status.flow.yaml'),
      mocks: join(root, 'examples', 'mocks', 'shop.mocks.yaml'),
      scenarios,
    };
    writeFileSync(join(dir, 'suite.scenario.yaml'), stringify(file, { aliasDuplicateObjects: false }));
    const started = performance.now();
    const result = spawnSync(process.execPath, [join(root, 'bin', 'flowbench.mjs'), 'run', dir, '--reporter', `json:${join(dir, 'out.json')}`], {
      encoding: 'utf8',
    });
    const elapsed = performance.now() - started;
    if (result.status !== 0) throw new Error(`CLI run failed (${result.status}): ${result.stderr}`);
    const ran = (JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as { scenarios: unknown[] }).scenarios.length;
    if (ran !== count) throw new Error(`expected ${count} scenarios, ran ${ran}`);
    return elapsed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const firstLoadStarted = performance.now();
await loadCodeSandbox();
const firstLoadMs = performance.now() - firstLoadStarted;
const turns = await turnEventsScenario();
const scenarios = [...(await voiceScenarios()), turns];
const engine = measureEngine(scenarios, 3);
const runsPerSecond = perSecond(engine.runs, engine.wallMs);
const ratio = engine.simulatedMs / engine.wallMs;
console.log(`voice scenarios: ${scenarios.length} (${scenarios.map((s) => s.name.split(' — ')[0]).join(', ')})`);
console.log(`engine (one core, virtual clock): ${runsPerSecond.toLocaleString('en')} runs/s  (goal ≥ 10,000)  ${runsPerSecond >= 10_000 ? 'OK' : 'BELOW GOAL'}`);
console.log(`  ${(engine.wallMs / engine.runs * 1000).toFixed(1)} µs per run; conversation time / wall time = ${Math.round(ratio).toLocaleString('en')} ×; per CPU second: ${perSecond(engine.runs, engine.cpuMs).toLocaleString('en')} runs`);

const voiceTurns = measureEngine([turns], 2);
console.log(`  of which ${turns.name}, alone: ${perSecond(voiceTurns.runs, voiceTurns.wallMs).toLocaleString('en')} runs/s`);

// The same scenarios with a lambda and a post hook inside the await loop.
const withCode = scenarios.filter((s) => s !== turns).map(withCodeInAwaitLoop);
for (const s of withCode) if (runScenario(s).status !== 'passed') throw new Error(`with code, '${s.name}' does not pass`);
const codeCalls = withCode.reduce((n, s) => n + runScenario(s).trace.filter((e) => e.type === 'code').length, 0);
const coded = measureEngine(withCode, 3);
const codedPerSecond = perSecond(coded.runs, coded.wallMs);
const codedPerCpuSecond = perSecond(coded.runs, coded.cpuMs);
console.log(
  `engine with a lambda and a post hook in the await loop (QuickJS, one runtime reused): ${codedPerSecond.toLocaleString('en')} runs/s, ` +
    `${codedPerCpuSecond.toLocaleString('en')} per CPU second  (goal ≥ 10,000)  ${Math.max(codedPerSecond, codedPerCpuSecond) >= 10_000 ? 'OK' : 'BELOW GOAL'}`,
);
console.log(`  ${(coded.cpuMs / coded.runs * 1000).toFixed(1)} µs CPU per run, ${(codeCalls / withCode.length).toFixed(1)} code runs per scenario run on average`);
const creation = await measureSandboxCreation();
console.log(
  `sandbox creation (not in the figures above): WebAssembly module + first runtime ${firstLoadMs.toFixed(0)} ms at start-up ` +
    `(${creation.loadMs.toFixed(0)} ms for another module once warm); a runtime with its prelude ${creation.runtimeMs.toFixed(1)} ms CPU ` +
    `(only after an interrupted call or ${codeSandbox().limits.maxCompiled} different pieces of code)`,
);
const slow = scenarios.find((s) => s.name.startsWith('slow API'))!;
sweepLatency(slow, { endpoint: 'order_status', from: 0, to: 8000, step: 8 }); // warm up
const sweepStarted = performance.now();
const sweep = sweepLatency(slow, { endpoint: 'order_status', from: 0, to: 8000, step: 8 });
const sweepMs = performance.now() - sweepStarted;
console.log(`sweep of the slow-API scenario, 0–8000 ms step 8 (${sweep.runs} runs, ${sweep.bands.length} bands): ${sweepMs.toFixed(0)} ms  (goal < 1 s for 1,000 points)  ${sweepMs < 1000 ? 'OK' : 'BELOW GOAL'}`);

buildIfStale(root); // the CLI figure is the run, not a first build
const cliMs = measureCli(1000);
console.log(`CLI end to end, 1,000 scenarios (process start, build check, load, run, JSON report): ${(cliMs / 1000).toFixed(2)} s  (goal < 3 s)  ${cliMs < 3000 ? 'OK' : 'BELOW GOAL'}`);
