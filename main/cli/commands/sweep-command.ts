import type { Latency } from '../../api/formats/mocks';
import { MAX_SWEEP_POINTS } from '../../api/routes/analysis';
import type { DistributionSweep, SweepMap, SweepResult } from '../../api/routes/analysis';
import { sweepLatency } from '../../analysis/sweep';
import { sweepDistribution } from '../../analysis/sweep-distribution';
import { sweepMap } from '../../analysis/sweep-map';
import { FileLoader } from '../../formats/file-loader';
import { EXIT_INVALID, EXIT_OK } from '../cli-io';
import type { CliIo } from '../cli-io';
import type { CliCommand } from '../command';
import { latencyModel, positiveMs, samplesCount, wholeMs, wholeNumber } from '../option-values';
import { pickScenario } from '../scenario-pick';

interface SweepFlags {
  endpoint: string[];
  from: number;
  to?: number;
  step: number;
  scenario?: string;
  seed?: number;
  json?: boolean;
  distribution?: Latency;
  samples: number;
}

export const sweepCommand: CliCommand = {
  register(program, io, done) {
    program
      .command('sweep')
      .description('boundary explorer: at what API latency does the flow change path? (virtual time)')
      .argument('<scenario-file>', 'a scenario file')
      .requiredOption('-e, --endpoint <id...>', 'the flow endpoint whose latency is swept (two for a 2-D map)')
      .option('--from <ms>', 'lowest latency', wholeMs, 0)
      .option('--to <ms>', 'highest latency (not with --distribution)', wholeMs)
      .option('--step <ms>', 'grid step; boundaries are then found to the ms by bisection', positiveMs, 50)
      .option('-s, --scenario <name|index>', 'which scenario of the file (default: the first)')
      .option('--seed <n>', 'seed (for the mocks and the distribution samples)', wholeNumber)
      .option('--distribution <latency>', 'sample the latency from a model instead, e.g. "{ lognormal: { medianMs: 800, p99Ms: 6000 } }"', latencyModel)
      .option('--samples <n>', 'samples drawn with --distribution', samplesCount, 1000)
      .option('--json', 'print JSON for tools')
      .action(async (file: string, flags: SweepFlags) => {
        done(await sweep(file, flags, io));
      });
  },
};

async function sweep(file: string, flags: SweepFlags, io: CliIo): Promise<number> {
  const scenarios = await new FileLoader(io.cwd).loadScenarios(file);
  const scenario = pickScenario(scenarios, flags.scenario);
  if (typeof scenario === 'string') return fail(io, scenario);
  const seed = flags.seed;
  const [first, second, ...extra] = flags.endpoint;
  if (first === undefined || extra.length > 0) return fail(io, 'give one endpoint, or two for a 2-D map');
  try {
    if (flags.distribution !== undefined) {
      if (second !== undefined) return fail(io, '--distribution sweeps one endpoint');
      const result = sweepDistribution(scenario, first, flags.distribution, flags.samples, seed ?? scenario.seed ?? 0);
      io.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : distributionTable(result));
      return EXIT_OK;
    }
    if (flags.to === undefined) return fail(io, '--to is required (or use --distribution)');
    if (flags.to < flags.from) return fail(io, '--to must not be below --from');
    const range = { from: flags.from, to: flags.to, step: flags.step };
    if (second !== undefined) {
      const cells = Math.pow(Math.floor((range.to - range.from) / range.step) + 1, 2);
      if (cells > 250_000) return fail(io, `a ${cells}-cell map is too large; use a larger --step`);
      const map = sweepMap(scenario, [first, second], range, seed);
      io.stdout.write(flags.json ? `${JSON.stringify(map, null, 2)}\n` : mapTable(map));
      return EXIT_OK;
    }
    if ((range.to - range.from) / range.step > MAX_SWEEP_POINTS) return fail(io, `more than ${MAX_SWEEP_POINTS} grid points; use a larger --step`);
    const result = sweepLatency(scenario, { endpoint: first, ...range, ...(seed !== undefined ? { seed } : {}) });
    io.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : bandsTable(result));
    return EXIT_OK;
  } catch (error) {
    return fail(io, error instanceof Error ? error.message : String(error));
  }
}

export function bandsTable(r: SweepResult): string {
  const lines = [`Sweep of ${r.endpoint} latency ${r.from}–${r.to} ms (step ${r.step}): "${r.scenario}" (${r.file})`, ''];
  const ranges = r.bands.map((b) => (b.from === b.to ? `${b.from}` : `${b.from} – ${b.to}`));
  const width = Math.max('latency (ms)'.length, ...ranges.map((x) => x.length));
  lines.push(`  ${'latency (ms)'.padEnd(width)}   path`);
  r.bands.forEach((b, i) => lines.push(`  ${(ranges[i] ?? '').padEnd(width)}   ${b.summary}`));
  lines.push('', `${r.bands.length} band${r.bands.length === 1 ? '' : 's'}, ${r.runs} runs (grid plus bisection to the exact ms)`);
  return `${lines.join('\n')}\n`;
}

function mapTable(m: SweepMap): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const lines = [`2-D sweep: rows ${m.endpoints[0]} latency, columns ${m.endpoints[1]} latency (ms): "${m.scenario}"`, ''];
  const label = (n: number): string => String(n).padStart(6);
  lines.push(`${' '.repeat(7)}${m.columns.map(label).join('')}`);
  m.cells.forEach((row, i) => lines.push(`${label(m.rows[i] ?? 0)} ${row.map((c) => (letters[c] ?? '?').padStart(6)).join('')}`));
  lines.push('');
  m.outcomes.forEach((o, i) => lines.push(`  ${letters[i] ?? '?'}  ${o.summary}`));
  lines.push('', `${m.runs} runs`);
  return `${lines.join('\n')}\n`;
}

function distributionTable(d: DistributionSweep): string {
  const lines = [`Path probabilities for ${d.endpoint} latency ~ ${JSON.stringify(d.model)}: "${d.scenario}"`, `${d.samples} seeded samples (seed ${d.seed})`, ''];
  for (const o of d.outcomes) {
    lines.push(`  ${(o.probability * 100).toFixed(1).padStart(5)} %  ${String(o.count).padStart(6)}×  ${o.summary}  (latency ${o.minLatency}–${o.maxLatency} ms)`);
  }
  return `${lines.join('\n')}\n`;
}

function fail(io: CliIo, message: string): number {
  io.stderr.write(`flowbench sweep: ${message}\n`);
  return EXIT_INVALID;
}
