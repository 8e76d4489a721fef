import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { MockRoute, MocksFile, MocksFileInput, RouteOverride } from '../../main/api/formats/mocks';
import type { MockStates } from '../core';
import { ADMIN_PREFIX, createAdminRouter } from './admin-router';
import { baseUrlFor, bindWarning } from './bind-address';
import { ClientErrorResponder } from './client-errors';
import { Exchange } from './exchange';
import { httpLimits, httpServerOptions } from './http-limits';
import type { HttpLimits } from './http-limits';
import { Journal } from './journal';
import { JournalQueue } from './journal-queue';
import type { JournalListener } from './journal';
import { LiveConfig } from './live-config';
import { createMockHandler } from './mock-handler';
import { recordedMocks, writeMocksYaml } from './record-file';
import { RecordingProxy } from './recording-proxy';
import { DEFAULT_MAX_BODY_BYTES } from './request-body';
import { createRequestListener, isAdminPath } from './request-listener';

export interface RecordOptions {
  /** The real API unmatched requests are proxied to, e.g. `https://api.example.com/v1`. */
  target: string;
  /** Where the recorded mocks are written (YAML) after each new exchange and on close. */
  out?: string;
  /** Called when writing the recorded file failed. */
  onWriteError?: (error: unknown) => void;
}

export interface MockServerOptions {
  mocks: MocksFile;
  /** 0 (default): any free port. */
  port?: number;
  /** Default 127.0.0.1; anything else comes with a warning. */
  host?: string;
  /** Overrides the config's seed. */
  seed?: number;
  /** How many journal entries are kept (ring buffer); default 1000. */
  journalSize?: number;
  record?: RecordOptions;
  maxBodyBytes?: number;
  /** Request head size and slow-client timeouts (defaults: 16 KB, headers in 10 s, whole request in 60 s). */
  limits?: Partial<HttpLimits>;
  /**
   * true (default): requests that match a mock route skip Express (same handler, same
   * answers, less overhead); false: every request goes through Express.
   */
  fastPath?: boolean;
}

export type JournalView = Pick<Journal, 'capacity' | 'size' | 'total' | 'entries' | 'query' | 'clear' | 'detail'>;
/** The mock state per session (SPEC §7.3): read, replace (throws StateTooLargeError), reset. */
export type StateView = Pick<MockStates, 'initial' | 'get' | 'has' | 'set' | 'reset' | 'list'>;

export interface MockServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** The seed in force: the `seed` option, else the config's. */
  readonly seed: number;
  /** E.g. a non-loopback bind address. */
  readonly warnings: readonly string[];
  readonly journal: JournalView;
  /** The config in force (patches included). */
  config(): MocksFile;
  /** Throws MockConfigError and keeps the old config when the new one is invalid. */
  replaceConfig(mocks: MocksFile): void;
  /** Throws UnknownRouteError or MockConfigError; the next request uses the patched route. */
  patchRoute(routeId: string, override: RouteOverride): MockRoute;
  /** Request counters (nth faults, sequences) start again, for one session or all. */
  resetCounters(session?: string): void;
  /**
   * Answers the requests of one session (`x-flowbench-session`) from their own mock set,
   * e.g. a scenario's mocks with its overrides; counters of that session start fresh.
   * Throws MockConfigError for an invalid set. Returns the release.
   */
  useSessionMocks(session: string, mocks: MocksFile, seed?: number): () => void;
  readonly state: StateView;
  onJournal(listener: JournalListener): () => void;
  /** Record mode: the served plus the recorded routes, as written to `record.out`. */
  recorded(): MocksFileInput | null;
  /** Open connections right now. */
  connections(): Promise<number>;
  /** Ends every exchange (hanging ones too), closes every socket, writes the recording. */
  close(): Promise<void>;
}

/** close() never waits longer than this for cut-short exchanges to be journaled. */
const DRAIN_LIMIT_MS = 1000;

/** Starts the Express mock server of SPEC §4. */
export async function startMockServer(options: MockServerOptions): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const limits = httpLimits(options.limits ?? {});
  const config = new LiveConfig(options.mocks, options.seed);
  const journal = new Journal(options.journalSize ?? 1000);
  const clock = { startedAt: performance.now(), startedAtEpoch: Date.now() };
  const pending = new Set<Exchange>();
  let onDrained: (() => void) | null = null;
  const journaling = new JournalQueue(journal, () => {
    if (pending.size === 0) onDrained?.();
  });
  const recording = options.record ? new RecordingProxy(options.record.target, config.mocks.routes.map((r) => r.id)) : null;

  const admin = express();
  admin.disable('x-powered-by');
  admin.use(ADMIN_PREFIX, createAdminRouter({ config, journal, startedAt: clock.startedAt }));
  const mock = createMockHandler({
    config,
    recording,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    open(req: IncomingMessage, res: ServerResponse) {
      // Only exchanges that outlive their tick are pending: most are answered (and settled) at once.
      return new Exchange(
        req,
        res,
        clock,
        (done) => {
          pending.delete(done);
          journaling.push(done);
        },
        (watched) => pending.add(watched),
      );
    },
  });
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  // One layer: mock traffic pays a prefix test, not a second route match.
  app.use((req, res, next) => {
    if (isAdminPath(req.url)) admin(req, res, next);
    else mock(req, res);
  });

  const server: Server = createServer(httpServerOptions(limits), createRequestListener({ config, mock, app, fastPath: options.fastPath ?? true }));
  // Malformed requests get 400/408/413/414/431 and a closed connection; a client that drops
  // a connection mid-request never surfaces as an error anywhere.
  const clientErrors = new ClientErrorResponder(limits);
  server.on('clientError', clientErrors.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const recordWriter = recording && options.record?.out !== undefined ? createRecordWriter(recording, options.record, config) : null;
  const warning = bindWarning(host);
  let closing: Promise<void> | null = null;

  return {
    url: baseUrlFor(host, port),
    port,
    host,
    get seed() {
      return config.seed;
    },
    warnings: warning === null ? [] : [warning],
    journal,
    config: () => config.mocks,
    replaceConfig: (mocks) => config.replace(mocks),
    patchRoute: (routeId, override) => config.patchRoute(routeId, override),
    resetCounters: (session) => config.resetCounters(session),
    useSessionMocks: (session, mocks, seed) => config.useForSession(session, mocks, seed),
    state: config.states,
    onJournal: (listener) => journal.subscribe(listener),
    recorded: () => (recording ? recordedMocks(config.mocks, recording.recorder, recording.target) : null),
    connections: () => new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count)))),
    close() {
      closing ??= (async () => {
        for (const exchange of pending) exchange.abandon();
        const drained = new Promise<void>((resolve) => {
          onDrained = resolve;
          if (pending.size === 0 && journaling.idle) resolve();
        });
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
          clientErrors.closeAll();
        });
        // Every exchange cut short is journaled before close() resolves.
        await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, DRAIN_LIMIT_MS).unref())]);
        await recording?.close();
        await recordWriter?.flush();
      })();
      return closing;
    },
  };
}

interface RecordWriter {
  flush(): Promise<void>;
}

/** Writes the recording after each new exchange (coalesced: one write at a time). */
function createRecordWriter(recording: RecordingProxy, record: RecordOptions, config: LiveConfig): RecordWriter {
  const out = record.out as string;
  let writing: Promise<void> = Promise.resolve();
  let dirty = false;
  const write = (): Promise<void> => {
    writing = writing.then(async () => {
      if (!dirty) return;
      dirty = false;
      try {
        await writeMocksYaml(out, recordedMocks(config.mocks, recording.recorder, recording.target));
      } catch (error) {
        record.onWriteError?.(error);
      }
    });
    return writing;
  };
  recording.recorder.onChange(() => {
    dirty = true;
    void write();
  });
  return {
    flush: () => {
      dirty = dirty || recording.recorder.size === 0;
      return write();
    },
  };
}
