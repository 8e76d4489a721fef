import { join } from 'node:path';
import type { AppMode } from '../api/routes/app';
import { createDispatcher } from './dispatch';
import type { Dispatch, Handlers } from './dispatch';
import { EventBus } from './event-bus';
import { appHandlers } from './handlers/app-handlers';
import { folderHandlers } from './handlers/folder-handlers';
import { FileAccess } from './file-access';
import { examplesHandlers } from './handlers/examples-handlers';
import { flowsHandlers } from './handlers/flows-handlers';
import { flowCodeHandlers } from './handlers/flow-code-handlers';
import { FlowCodeService } from './flow-code-service';
import { mocksHandlers } from './handlers/mocks-handlers';
import { mocksConvertHandlers } from './handlers/mocks-convert-handlers';
import { mocksEditHandlers } from './handlers/mocks-edit-handlers';
import { MockSetEditing } from './mock-set-editing';
import { runsHandlers } from './handlers/runs-handlers';
import { analysisHandlers } from './handlers/analysis-handlers';
import { tuneHandlers } from './handlers/tune-handlers';
import { TuneService } from './tune-service';
import { sessionsHandlers } from './handlers/sessions-handlers';
import { LiveSessionService } from './live-session-service';
import { RecordingService } from './recording-service';
import { AnalysisService } from './analysis-service';
import { ExampleFiles } from './example-files';
import { FlowService } from './flow-service';
import { FlowScenariosService } from './flow-scenarios-service';
import { RunService } from './run-service';
import { libraryFilesHandlers } from './handlers/library-files-handlers';
import { libraryHandlers } from './handlers/library-handlers';
import { libraryRunsHandlers } from './handlers/library-runs-handlers';
import { StoreService } from './store-service';
import { resolveDatabaseFile } from '../store/database-file';
import { MockService } from './mock-service';
import { JobPool } from '../workers/job-pool';
import type { JobPoolOptions } from '../workers/job-pool';

export interface HostOptions {
  mode: AppMode;
  appRoot: string;
  name: string;
  version: string;
  dataDir: string;
  /** Defaults to `<appRoot>/examples`. */
  examplesDir?: string;
  /** The scenario library's SQLite file; default `FLOWBENCH_DB`, else `<dataDir>/flowbench.db`. */
  dbFile?: string;
  onInternalError?: (route: string, error: unknown) => void;
  /** The worker pool that runs the CPU work (runs, sweeps, tune, replay): its size and time limits. */
  workers?: JobPoolOptions;
}

/** The services behind the API contract, with no Electron in sight. */
export interface Host {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  close(): Promise<void>;
}

export function createHost(options: HostOptions): Host {
  const events = new EventBus();
  const examplesDir = options.examplesDir ?? join(options.appRoot, 'examples');
  /** Where the YAML the host writes points its `$schema` modeline. */
  const schemasDir = join(options.appRoot, 'schemas');
  const access = new FileAccess({ dataDir: options.dataDir, examplesDir });
  // CPU work runs in worker threads, so the host keeps answering while a sweep or a tune runs.
  const jobs = new JobPool({ onWorkerError: (error) => defaultInternalErrorLog('the worker pool', error), ...options.workers });
  const files = new ExampleFiles(examplesDir, access, jobs);
  const mockService = new MockService({ files, onJournal: (entry) => events.emit('mocks.journal', entry) });
  const storeService = new StoreService(resolveDatabaseFile({ db: options.dbFile, env: process.env, dataDir: options.dataDir }));
  const liveSessions = new LiveSessionService(files, mockService, storeService, (id, seq, event) => events.emit('sessions.trace', { id, seq, event }));
  const flowService = new FlowService(files, jobs);
  const handlers: Handlers = {
    ...appHandlers(options),
    ...folderHandlers(access),
    ...examplesHandlers({ examplesDir }),
    ...mocksHandlers(mockService),
    ...mocksConvertHandlers({ filesDir: examplesDir, schemasDir }),
    ...mocksEditHandlers(new MockSetEditing(files, storeService)),
    ...libraryHandlers(storeService),
    ...libraryRunsHandlers(storeService, (progress) => events.emit('scenarios.progress', progress), {
      mocks: mockService,
      onTrace: (trace) => events.emit('runs.trace', trace),
    }, jobs),
    ...libraryFilesHandlers(storeService, schemasDir, access, jobs),
    ...flowsHandlers(flowService),
    ...flowCodeHandlers(new FlowCodeService(files, flowService)),
    ...analysisHandlers(new AnalysisService(files, storeService, jobs)),
    ...tuneHandlers(new TuneService(files, storeService, mockService, jobs)),
    ...sessionsHandlers(liveSessions, new RecordingService(files, storeService, options.version, schemasDir, jobs)),
    ...runsHandlers(
      new RunService(files, mockService, (runId, seq, event) => events.emit('runs.trace', { runId, seq, event }), jobs),
      new FlowScenariosService(files, mockService, storeService),
    ),
  };
  const dispatch = createDispatcher(handlers, {
    onInternalError: options.onInternalError ?? defaultInternalErrorLog,
  });
  return {
    dispatch,
    events,
    close: async () => {
      await liveSessions.close();
      await jobs.close();
      await mockService.close();
      storeService.close();
    },
  };
}

function defaultInternalErrorLog(route: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`flowbench: internal error in ${route}: ${detail}\n`);
}
