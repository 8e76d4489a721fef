import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { MOCKS_FORMAT } from '../../api/formats/mocks';
import type { MocksFile } from '../../api/formats/mocks';
import type { MockJournalEntry } from '../../api/routes/mocks';
import { FileLoader } from '../../formats/file-loader';
import { FormatError } from '../../formats/format-error';
import { startMockServer } from '../../../mocks/server';
import type { MockServer } from '../../../mocks/server';
import { EXIT_ENVIRONMENT, EXIT_INVALID, EXIT_OK } from '../cli-io';
import type { CliIo } from '../cli-io';
import type { CliCommand } from '../command';

interface MockFlags {
  port: number;
  host: string;
  seed?: number;
  watch?: boolean;
  journalSize: number;
  record?: boolean;
  target?: string;
  out: string;
  quiet?: boolean;
}

const WATCH_DEBOUNCE_MS = 150;

export const mockCommand: CliCommand = {
  register(program, io, done) {
    program
      .command('mock')
      .description('serve a mocks file over HTTP, with its latencies and faults, until Ctrl-C')
      .argument('[mocks]', 'a flowbench.mocks/1 file (optional with --record)')
      .option('-p, --port <n>', 'port to listen on; 0 picks a free one', port, 0)
      .option('--host <address>', 'address to bind (anything but loopback is reachable from other machines)', '127.0.0.1')
      .option('--seed <n>', 'seed for latencies and faults (overrides the file)', integer)
      .option('--watch', 'reload the file when it changes; an invalid edit keeps the previous config')
      .option('--journal-size <n>', 'requests kept in the journal', positiveInteger, 1000)
      .option('--record', 'proxy requests no route matches to --target and record them as routes')
      .option('--target <url>', 'record mode: the real API to proxy to')
      .option('--out <file>', 'record mode: where the recorded mocks are written', 'recorded.mocks.yaml')
      .option('-q, --quiet', 'do not print a line per request')
      .action(async (file: string | undefined, flags: MockFlags) => {
        done(await serveMocks(file, flags, io));
      });
  },
};

async function serveMocks(file: string | undefined, flags: MockFlags, io: CliIo): Promise<number> {
  const usage = usageError(file, flags);
  if (usage !== null) {
    io.stderr.write(`flowbench mock: ${usage}\n`);
    return EXIT_INVALID;
  }
  const mocks = file === undefined ? emptyMocks() : await new FileLoader(io.cwd).loadMocks(file);
  const out = resolve(io.cwd, flags.out);
  let server: MockServer;
  try {
    server = await startMockServer({
      mocks,
      port: flags.port,
      host: flags.host,
      journalSize: flags.journalSize,
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(flags.record && flags.target !== undefined
        ? {
            record: {
              target: flags.target,
              out,
              onWriteError: (error: unknown) => io.stderr.write(`flowbench mock: cannot write ${flags.out}: ${message(error)}\n`),
            },
          }
        : {}),
    });
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    io.stderr.write(
      code === 'EADDRINUSE'
        ? `flowbench mock: port ${flags.port} on ${flags.host} is already in use\n`
        : `flowbench mock: cannot start the server: ${message(error)}\n`,
    );
    return EXIT_ENVIRONMENT;
  }

  for (const warning of server.warnings) io.stderr.write(`flowbench mock: warning: ${warning}\n`);
  const seed = flags.seed ?? mocks.seed;
  io.stdout.write(`flowbench mock: serving ${mocks.routes.length} route${mocks.routes.length === 1 ? '' : 's'} on ${server.url} (seed ${seed})\n`);
  io.stdout.write(`flowbench mock: admin API on ${server.url}/__flowbench/; Ctrl-C stops\n`);
  if (flags.record) io.stdout.write(`flowbench mock: recording unmatched requests to ${flags.target ?? ''} into ${flags.out}\n`);
  const unsubscribe = flags.quiet ? () => {} : server.onJournal((entry) => io.stdout.write(`${journalLine(entry)}\n`));
  const watcher = flags.watch && file !== undefined ? watchMocks(file, server, io) : null;

  await new Promise<void>((resolveStop) => {
    const off = io.onInterrupt(() => {
      off();
      resolveStop();
    });
  });

  watcher?.close();
  unsubscribe();
  await server.close();
  io.stdout.write(`flowbench mock: stopped after ${server.journal.total} request${server.journal.total === 1 ? '' : 's'}\n`);
  if (flags.record) {
    const recorded = server.recorded();
    const count = recorded === null ? 0 : recorded.routes.length - mocks.routes.length;
    io.stdout.write(`flowbench mock: wrote ${count} recorded route${count === 1 ? '' : 's'} to ${flags.out}\n`);
  }
  return EXIT_OK;
}

function usageError(file: string | undefined, flags: MockFlags): string | null {
  if (flags.record && flags.target === undefined) return '--record needs --target <url> (the real API to record)';
  if (!flags.record && flags.target !== undefined) return '--target is only used with --record';
  if (file === undefined && !flags.record) return 'give a mocks file: flowbench mock <mocks.yaml> (or --record --target <url>)';
  if (flags.watch && file === undefined) return '--watch needs a mocks file';
  if (flags.target !== undefined && !URL.canParse(flags.target)) return `--target must be a URL, got '${flags.target}'`;
  return null;
}

function emptyMocks(): MocksFile {
  return { format: MOCKS_FORMAT, seed: 0, routes: [] };
}

/** Reloads the file when it changes (the folder is watched: editors often replace files). */
function watchMocks(file: string, server: MockServer, io: CliIo): { close(): void } {
  const abs = resolve(io.cwd, file);
  const name = basename(abs);
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;
  const reload = async (): Promise<void> => {
    const mine = ++generation;
    try {
      const mocks = await new FileLoader(io.cwd).loadMocks(abs);
      if (mine !== generation) return;
      server.replaceConfig(mocks);
      io.stdout.write(`flowbench mock: reloaded ${file} (${mocks.routes.length} routes)\n`);
    } catch (error) {
      if (mine !== generation) return;
      const detail = error instanceof FormatError ? error.message : message(error);
      io.stderr.write(`flowbench mock: ${file} is invalid; keeping the previous config:\n${detail}\n`);
    }
  };
  const watcher: FSWatcher = watch(dirname(abs), (_event, changed) => {
    if (changed !== null && changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), WATCH_DEBOUNCE_MS);
  });
  watcher.on('error', (error) => io.stderr.write(`flowbench mock: cannot watch ${file}: ${message(error)}\n`));
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}

/** `GET /orders/7 → 200 order_status 803 ms [session s1]`. */
function journalLine(e: MockJournalEntry): string {
  const outcome = e.fault !== null && e.fault !== 'status' ? e.fault : e.status === null ? 'no answer' : String(e.status);
  const parts = [
    `${e.method} ${e.path}${Object.keys(e.query).length > 0 ? `?${new URLSearchParams(e.query).toString()}` : ''}`,
    `→ ${outcome}`,
    e.routeId ?? '(no route)',
    `${Math.round(e.durationMs)} ms`,
  ];
  if (e.fault === 'status') parts.push('(injected)');
  if (e.proxied) parts.push('(recorded)');
  if (e.clientGaveUp) parts.push('(client gave up)');
  if (e.session !== null) parts.push(`[session ${e.session}]`);
  const changed = stateChanges(e);
  if (changed !== '') parts.push(`[state ${changed}]`);
  return parts.join(' ');
}

/** `order: placed → ready` for each state value the request changed (SPEC §7.3). */
function stateChanges(e: MockJournalEntry): string {
  const before = e.stateBefore ?? {};
  const after = e.stateAfter ?? {};
  if (before === after) return '';
  return Object.keys(after)
    .filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]))
    .map((name) => `${name}: ${before[name] === undefined ? '(unset)' : JSON.stringify(before[name])} → ${JSON.stringify(after[name])}`)
    .join(', ');
}

function integer(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

function positiveInteger(value: string): number {
  const n = integer(value);
  if (n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return n;
}

function port(value: string): number {
  const n = integer(value);
  if (n < 0 || n > 65535) throw new InvalidArgumentError('expected a port between 0 and 65535');
  return n;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
