import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FlowFile } from '../../../main/api/formats/flow';
import type { LoadedScenario } from '../../../main/formats/loaded-scenario';
import { AnalysisService } from '../../../main/host/analysis-service';
import { ExampleFiles } from '../../../main/host/example-files';
import { HostError } from '../../../main/host/host-error';
import { StoreService } from '../../../main/host/store-service';
import { flow, scenario } from '../../support/scenario-builder';

const good = flow({
  channel: 'chat',
  start: 'call',
  endpoints: [{ id: 'orders', method: 'GET', url: '/orders' }],
  modules: [
    { id: 'call', type: 'api', endpoint: 'orders', ports: { success: 'bye', failure: 'bye' } },
    { id: 'bye', type: 'end' },
  ],
});
// Not through the loader: the success rule does not compile, so the engine throws (a bug, not bad input).
const broken: FlowFile = { ...good, endpoints: [{ ...good.endpoints[0]!, success: 'status ==' }] };

/** Example files that hand out one scenario whatever is asked (the analysis is what is under test). */
class OneScenario extends ExampleFiles {
  constructor(private readonly loaded: LoadedScenario) {
    super(tmpdir());
  }
  override scenario(): Promise<LoadedScenario> {
    return Promise.resolve(this.loaded);
  }
}

describe('analysis errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flowbench-analysis-'));
  const store = new StoreService(join(dir, 'flowbench.db'));
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const sweep = (s: LoadedScenario, endpoint: string) =>
    new AnalysisService(new OneScenario(s), store).sweep({ file: 'x', index: 0, endpoint, from: 0, to: 1000, step: 500 });

  it('an endpoint the flow does not have is invalid input on `endpoint`, listing the endpoints', async () => {
    const error: unknown = await sweep(scenario({ flow: good }), 'nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ code: 'invalid_input', issues: [{ path: 'endpoint', message: 'not an endpoint of the flow (endpoints: orders)' }] });
  });

  it('any other failure is not blamed on the endpoint: it stays the error it is', async () => {
    const error: unknown = await sweep(scenario({ flow: broken }), 'orders').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(HostError);
  });
});
