import { join } from 'node:path';
import type { AppMode } from '../api/routes/app';
import { createDispatcher } from './dispatch';
import type { Dispatch, Handlers } from './dispatch';
import { EventBus } from './event-bus';
import { appHandlers } from './handlers/app-handlers';
import { examplesHandlers } from './handlers/examples-handlers';
import { mocksHandlers } from './handlers/mocks-handlers';
import { MockService } from './mock-service';

export interface HostOptions {
  mode: AppMode;
  appRoot: string;
  name: string;
  version: string;
  dataDir: string;
  /** Defaults to `<appRoot>/examples`. */
  examplesDir?: string;
  onInternalError?: (route: string, error: unknown) => void;
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
  const mockService = new MockService({ filesDir: examplesDir, onJournal: (entry) => events.emit('mocks.journal', entry) });
  const handlers: Handlers = {
    ...appHandlers(options),
    ...examplesHandlers({ examplesDir }),
    ...mocksHandlers(mockService),
  };
  const dispatch = createDispatcher(handlers, {
    onInternalError: options.onInternalError ?? defaultInternalErrorLog,
  });
  return {
    dispatch,
    events,
    close: async () => {
      await mockService.close();
    },
  };
}

function defaultInternalErrorLog(route: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`flowbench: internal error in ${route}: ${detail}\n`);
}
