import { afterEach } from 'vitest';
import { MocksFile } from '../../../main/api/formats/mocks';
import { startMockServer } from '../../../mocks/server';
import type { MockServer, MockServerOptions } from '../../../mocks/server';

/** Routes are checked at run time (tests build them loosely). */
export function mocksFile(routes: readonly unknown[], seed = 7): MocksFile {
  return MocksFile.parse({ format: 'flowbench.mocks/1', seed, routes });
}

/** Starts real servers on port 0 and closes them after each test. */
export function useMockServers(): (routes: readonly unknown[], options?: Omit<MockServerOptions, 'mocks'>) => Promise<MockServer> {
  const started: MockServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });
  return async (routes, options = {}) => {
    const server = await startMockServer({ mocks: mocksFile(routes), ...options });
    started.push(server);
    return server;
  };
}
