import { InvalidArgumentError, Option } from 'commander';
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { HttpBaseUrl, TimeScale } from '../../api/formats/common';
import { RESULTS_FORMAT } from '../../api/formats/results';
import type { ResultsFile, ScenarioResult } from '../../api/formats/results';
import type { ClockKind } from '../../api/formats/scenario';
import { FileLoader } from '../../formats/file-loader';
import { FormatError } from '../../formats/format-error';
import type { FileIssue } from '../../formats/format-error';
import type { LoadedScenario } from '../../formats/loaded-scenario';
import { portCoverage } from '../../analysis/coverage';
import type { CoverageRun } from '../../analysis/coverage';
import { runScenarioOnClock } from '../../scenario/run-on-clock';
import { parseShard, selectScenarios } from '../../scenario/select-scenarios';
import type { Shard } from '../../scenario/select-scenarios';
import { EXIT_ENVIRONMENT, EXIT_FAILED, EXIT_INVALID, EXIT_OK } from '../cli-io';
import type { CliIo } from '../cli-io';
import { collectFiles } from '../collect-files';
import type { CliCommand } from '../command';
import { colors } from '../colors';
import { coverageTable } from '../coverage-table';
import { describeFailure } from '../exit-codes';
import { withOptionalLibrary } from '../library-suite';
import { checkOutputFiles } from '../output-files';
import type { LibrarySuite } from '../library-suite';
import { createReporters } from '../reporters/create-reporters';
import { writeOutput } from '../reporters/write-output';
import { parseReporterSpec, summarize } from '../reporters/reporter';
import type { ReporterSpec } from '../reporters/reporter';
import { wholeMs } from '../option-values';

interface RunFlags {
  reporter: ReporterSpec[];
  seed?: number;
  grep?: RegExp;
  grepInvert?: RegExp;
  tag?: string[];
  shard?: Shard;
  clock?: ClockKind;
  timeScale?: number;
  baseUrl?: string;
  timingTolerance?: number;
  trace?: string;
  coverage?: boolean;
  coverageJson?: string;
  db?: string | true;
}

export const runCommand: CliCommand = {
  register(program, io, done) {
    program
      .command('run')
      .description('run scenario files (or every scenario file in the folders given)')
      .argument('[paths...]', 'scenario files or folders (none with --db: the library)')
      .option('-r, --reporter <name[:file]>', 'pretty, json or junit; repeat for several, each with its own file', collectReporter, [])
      .option('--seed <n>', 'seed for every scenario (overrides the files)', integer)
      .option('-g, --grep <regex>', 'only scenarios whose file or name matches', regex)
      .option('--grep-invert <regex>', 'skip scenarios whose file or name matches', regex)
      .option('--tag <tag...>', 'only scenarios with one of these tags')
      .option('--shard <i/n>', 'run the i-th of n equal parts of the suite', shard)
      .addOption(new Option('--clock <clock>', 'virtual or real (overrides the files)').choices(['virtual', 'real']))
      .option('--time-scale <x>', 'real clock: multiply every delay and timeout by x (0.001 to 100, e.g. 0.25)', timeScale)
      .option('--base-url <url>', 'real clock: send requests to this API (http or https) instead of a local mock server', httpBaseUrl)
      .option('--timing-tolerance <ms>', 'real clock: timing checks (maxDeadAirMs, maxCallMs) pass up to ms over their limit (default: 100 ms of wall time, i.e. 100 / time scale)', wholeMs)
      .option('--trace <file>', 'write every trace event as JSON lines to this file')
      .option('--coverage', 'after the run, list which module ports were taken, per flow (never-taken first)')
      .option('--coverage-json <file>', 'write the port coverage as JSON to this file')
      .option('--db [file]', 'run the scenarios of the library ($FLOWBENCH_DB, else ~/.flowbench/flowbench.db) and record the run in it')
      .action(async (paths: string[], flags: RunFlags) => {
        done(await withOptionalLibrary(flags.db, io, (library) => runScenarios(paths, flags, io, library)));
      });
  },
};

async function runScenarios(paths: readonly string[], flags: RunFlags, io: CliIo, library: LibrarySuite | null): Promise<number> {
  if (paths.length === 0 && library === null) {
    io.stderr.write('flowbench run: give scenario files or folders, or --db to run the library\n');
    return EXIT_INVALID;
  }
  let reporters;
  try {
    reporters = createReporters(flags.reporter.length > 0 ? flags.reporter : [{ name: 'pretty', file: undefined }], io);
  } catch (error) {
    io.stderr.write(`flowbench run: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_INVALID;
  }
  // Reports, trace and coverage files must be writable before anything runs (else exit 3 now).
  await checkOutputFiles(io.cwd, [...flags.reporter.map((r) => r.file), flags.trace, flags.coverageJson]);
  const loader = new FileLoader(io.cwd);
  const files = await collectFiles(paths, loader, io.cwd);
  const scenarios: LoadedScenario[] = [...(library?.scenarios ?? [])];
  const issues: FileIssue[] = [];
  for (const file of files) {
    if (file.kind !== 'scenario') continue;
    try {
      scenarios.push(...(await loader.loadScenarios(file.path)));
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      issues.push(...error.issues);
    }
  }
  if (issues.length > 0) throw new FormatError(issues);

  const selected = selectScenarios(scenarios, {
    ...(flags.grep !== undefined ? { grep: flags.grep } : {}),
    ...(flags.grepInvert !== undefined ? { grepInvert: flags.grepInvert } : {}),
    ...(flags.tag !== undefined ? { tags: flags.tag } : {}),
    ...(flags.shard !== undefined ? { shard: flags.shard } : {}),
  });
  if (selected.length === 0) {
    io.stderr.write(scenarios.length === 0 ? `flowbench: no scenarios in ${paths.length > 0 ? paths.join(', ') : 'the library'}\n` : 'flowbench: no scenario matches the filters\n');
    return EXIT_INVALID;
  }

  const traceOut = flags.trace === undefined ? null : createWriteStream(resolve(io.cwd, flags.trace));
  let traceError: unknown = null;
  traceOut?.on('error', (error) => {
    traceError ??= error;
  });
  const startedAt = new Date().toISOString();
  for (const r of reporters) r.onBegin?.(selected.length);
  const results: ScenarioResult[] = [];
  const runs: CoverageRun[] = [];
  for (const scenario of selected) {
    const result = await runScenarioOnClock(scenario, {
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(flags.clock !== undefined ? { clock: flags.clock } : {}),
      ...(flags.timeScale !== undefined ? { timeScale: flags.timeScale } : {}),
      ...(flags.baseUrl !== undefined ? { baseUrl: flags.baseUrl } : {}),
      ...(flags.timingTolerance !== undefined ? { timingToleranceMs: flags.timingTolerance } : {}),
    });
    results.push(result);
    runs.push({ scenario, result });
    if (traceOut) for (const event of result.trace) traceOut.write(`${JSON.stringify({ scenario: result.name, file: result.file, ...event })}\n`);
    for (const r of reporters) r.onResult?.(result);
  }
  if (traceOut) await new Promise<void>((ok) => traceOut.end(ok));
  if (traceError !== null) throw traceError;
  const file: ResultsFile = { format: RESULTS_FORMAT, startedAt, summary: summarize(results), scenarios: results };
  for (const r of reporters) await r.onEnd(file);
  if (library) {
    const filter = { grep: flags.grep?.source, grepInvert: flags.grepInvert?.source, tag: flags.tag, shard: flags.shard, seed: flags.seed };
    try {
      const run = library.record(runs, startedAt, JSON.parse(JSON.stringify(filter)) as Record<string, unknown>);
      io.stderr.write(`flowbench run: recorded as run ${run.id} in ${library.file}\n`);
    } catch (error) {
      // The write lock was free when the run started; something took it since.
      io.stderr.write(`${describeFailure('run', error)}\nflowbench run: the results above were NOT recorded in ${library.file}\n`);
      return EXIT_ENVIRONMENT;
    }
  }
  if (flags.coverage || flags.coverageJson !== undefined) {
    const coverage = portCoverage(runs);
    if (flags.coverage) io.stdout.write(`${coverageTable(coverage, colors(io.stdout.isTTY === true && io.env['NO_COLOR'] === undefined), (f) => loader.display(f))}\n`);
    if (flags.coverageJson !== undefined) await writeOutput(io, flags.coverageJson, JSON.stringify({ flows: coverage }, null, 2));
  }
  return file.summary.failed + file.summary.errors === 0 ? EXIT_OK : EXIT_FAILED;
}

function collectReporter(value: string, previous: ReporterSpec[]): ReporterSpec[] {
  return [...previous, asArgument(() => parseReporterSpec(value))];
}

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`expected a whole number, got '${value}'`);
  return n;
}

function timeScale(value: string): number {
  const parsed = TimeScale.safeParse(Number(value));
  if (!parsed.success) throw new InvalidArgumentError(`expected a time scale from 0.001 to 100, got '${value}'`);
  return parsed.data;
}

function httpBaseUrl(value: string): string {
  const parsed = HttpBaseUrl.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`${parsed.error.issues[0]?.message ?? 'expected an http:// or https:// URL'}, got '${value}'`);
  return parsed.data;
}

function regex(value: string): RegExp {
  return asArgument(() => new RegExp(value));
}

function shard(value: string): Shard {
  return asArgument(() => parseShard(value));
}

/** Turns a parse error into commander's argument error (exit code 2, with usage). */
function asArgument<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}
