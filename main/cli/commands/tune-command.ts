import { Presets, SingleBar } from 'cli-progress';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Latency } from '../../api/formats/mocks';
import type { LatencySource, TuneTable } from '../../api/routes/analysis-tune';
import { fetchJournal } from '../../analysis/journal-fetch';
import { latencyModelOf } from '../../analysis/latency-source';
import type { ObservationReaders } from '../../analysis/latency-source';
import { TuneCancelled, tuneTimeouts } from '../../analysis/tune';
import { FileLoader } from '../../formats/file-loader';
import type { LoadedScenario } from '../../formats/loaded-scenario';
import { effectiveSeed } from '../../scenario/scenario-result';
import { recordedSessionsOf } from '../../store/recorded-sessions';
import { EXIT_FAILED, EXIT_INVALID, EXIT_OK } from '../cli-io';
import type { CliIo } from '../cli-io';
import type { CliCommand } from '../command';
import { databaseFileOf, withLibrary } from '../library-db';
import { gridValues, latencyModel, samplesCount, wholeMs, wholeNumber } from '../option-values';
import { pickScenario } from '../scenario-pick';
import { tuneReport } from '../tune-report';

interface TuneFlags {
  endpoint: string;
  latency?: Latency;
  fromHar?: string;
  fromDb?: string | true;
  fromJournal?: string;
  timeouts?: number[];
  counter?: number[];
  samples: number;
  maxDeadAir: number;
  await?: string;
  scenario?: string;
  seed?: number;
  json?: boolean;
}

/** Larger HAR files are refused (they would not fit in memory comfortably). */
const MAX_HAR_BYTES = 512 * 1024 * 1024;
const MAX_RUNS = 5_000_000;

export const tuneCommand: CliCommand = {
  register(program, io, done) {
    program
      .command('tune')
      .description('timeout tuning: which await timeout (and loop counter max) hands over fewest callers within a dead-air budget? (seeded Monte Carlo, virtual time)')
      .argument('<scenario-file>', 'a scenario file')
      .requiredOption('-e, --endpoint <id>', 'the flow endpoint whose await is tuned')
      .option('--latency <model>', 'the endpoint latency model, as in the mocks, e.g. "{ lognormal: { medianMs: 800, p99Ms: 6000 } }"', latencyModel)
      .option('--from-har <file>', 'fit a lognormal model to the endpoint latencies in this HAR file')
      .option('--from-db [file]', "fit a model to the library's recorded sessions of the flow ($FLOWBENCH_DB, else ~/.flowbench/flowbench.db)")
      .option('--from-journal <url>', "fit a model to a running mock server's journal (its address, e.g. http://127.0.0.1:4010)")
      .option('--timeouts <list|from-to/step>', 'await timeoutMs candidates, e.g. 1000,2000,3000 or 1000-5000/500 (default: 1000 ms to the endpoint timeout in ~8 steps, and the flow\'s own)', gridValues(500))
      .option('--counter <list|from-to/step>', "await-loop counter max candidates, e.g. 1,2,3 or 1-4 (default: the flow's own)", gridValues(1))
      .option('--samples <n>', 'latency samples per candidate', samplesCount, 2000)
      .option('--max-dead-air <ms>', 'the p95 dead air a recommendation may have', wholeMs, 3000)
      .option('--await <module>', 'tune only this api_await of the endpoint (default: all of them)')
      .option('-s, --scenario <name|index>', 'which scenario of the file (default: the first)')
      .option('--seed <n>', 'seed of the samples (default: the scenario\'s)', wholeNumber)
      .option('--json', 'print the table as JSON for tools')
      .action(async (file: string, flags: TuneFlags) => {
        done(await tune(file, flags, io));
      });
  },
};

async function tune(file: string, flags: TuneFlags, io: CliIo): Promise<number> {
  const sources = [flags.latency, flags.fromHar, flags.fromDb, flags.fromJournal].filter((s) => s !== undefined).length;
  if (sources !== 1) return fail(io, 'give one latency source: --latency MODEL, --from-har FILE, --from-db [FILE] or --from-journal URL');
  const scenarios = await new FileLoader(io.cwd).loadScenarios(file);
  const scenario = pickScenario(scenarios, flags.scenario);
  if (typeof scenario === 'string') return fail(io, scenario);
  const candidates = (flags.timeouts?.length ?? 20) * (flags.counter?.length ?? 1);
  if (candidates * flags.samples > MAX_RUNS) return fail(io, `${candidates} candidates × ${flags.samples} samples is more than ${MAX_RUNS.toLocaleString('en')} runs; use fewer samples or candidates`);
  if (flags.fromDb !== undefined) {
    const db = flags.fromDb === true ? undefined : flags.fromDb;
    const dbFile = databaseFileOf(db, io);
    if (!existsSync(dbFile)) return fail(io, `no library at ${dbFile} (record sessions in the workbench first, or give --from-db FILE)`);
    return withLibrary('tune', db, io, 'read', (store) =>
      tuneWith(scenario, flags, io, { kind: 'sessions' }, { sessions: (flowName) => recordedSessionsOf(store, flowName).sessions, journal: noJournal }),
    );
  }
  let source: LatencySource;
  if (flags.latency !== undefined) source = { kind: 'model', model: flags.latency };
  else if (flags.fromJournal !== undefined) source = { kind: 'journal', url: flags.fromJournal };
  else {
    const har = await readHar(resolve(io.cwd, flags.fromHar ?? ''));
    if ('error' in har) return fail(io, har.error);
    source = { kind: 'har', har: har.value, name: basename(flags.fromHar ?? '') };
  }
  return tuneWith(scenario, flags, io, source, {
    sessions: () => [],
    journal: async (url) => ({ entries: await fetchJournal(url ?? ''), source: `the journal of ${url ?? ''}` }),
  });
}

async function tuneWith(scenario: LoadedScenario, flags: TuneFlags, io: CliIo, source: LatencySource, readers: ObservationReaders): Promise<number> {
  let latency;
  try {
    latency = await latencyModelOf(source, scenario, flags.endpoint, readers);
  } catch (error) {
    return fail(io, error instanceof Error ? error.message : String(error));
  }
  let interrupted = false;
  const stopListening = io.onInterrupt(() => {
    interrupted = true;
  });
  const bar = io.stderr.isTTY === true && !flags.json ? new SingleBar({ format: '  tuning {bar} {value}/{total} runs', stream: io.stderr as NodeJS.WritableStream, hideCursor: true, clearOnComplete: true }, Presets.shades_classic) : null;
  let started = false;
  let table: TuneTable;
  try {
    table = await tuneTimeouts(
      scenario,
      {
        endpoint: flags.endpoint,
        model: latency.model,
        fit: latency.fit,
        timeouts: flags.timeouts,
        counters: flags.counter,
        samples: flags.samples,
        seed: flags.seed ?? effectiveSeed(scenario),
        maxDeadAirMs: flags.maxDeadAir,
        await: flags.await,
      },
      {
        onProgress: (done, total) => {
          if (!bar) return;
          if (!started) bar.start(total, 0);
          started = true;
          bar.update(done);
        },
        pause: () => new Promise((resolve) => setImmediate(resolve)),
        cancelled: () => interrupted,
      },
    );
  } catch (error) {
    if (error instanceof TuneCancelled) {
      io.stderr.write(`flowbench tune: ${error.message}\n`);
      return EXIT_FAILED;
    }
    return fail(io, error instanceof Error ? error.message : String(error));
  } finally {
    bar?.stop();
    stopListening();
  }
  io.stdout.write(flags.json ? `${JSON.stringify(table, null, 2)}\n` : tuneReport(table));
  return EXIT_OK;
}

async function readHar(path: string): Promise<{ value: unknown } | { error: string }> {
  try {
    const info = await stat(path);
    if (info.size > MAX_HAR_BYTES) return { error: `${path} is too large (${info.size} bytes; at most ${MAX_HAR_BYTES})` };
    return { value: JSON.parse(await readFile(path, 'utf8')) as unknown };
  } catch (error) {
    if (error instanceof SyntaxError) return { error: `${path} is not JSON: ${error.message}` };
    return { error: `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function noJournal(): never {
  throw new Error('no journal for this source');
}

function fail(io: CliIo, message: string): number {
  io.stderr.write(`flowbench tune: ${message}\n`);
  return EXIT_INVALID;
}
