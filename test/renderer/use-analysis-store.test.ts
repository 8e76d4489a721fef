import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FlowCoverage } from '../../main/api/routes/analysis';
import type { ExampleFile } from '../../main/api/routes/examples';
import { setClient } from '../../renderer/src/api/client';
import { useAnalysisStore } from '../../renderer/src/stores/use-analysis-store';
import { fakeClient } from './fake-client';
import type { FakeClient } from './fake-client';

const file = (path: string, kind: ExampleFile['kind'], scenarios: string[] = [], issues: ExampleFile['issues'] = []): ExampleFile => ({ path, kind, format: null, name: path, scenarios, issues });
const coverage = (flowFile: string | null, runs: FlowCoverage['runs']): FlowCoverage => ({ flow: flowFile ?? 'inline', file: flowFile, scenarios: runs.length, runs, ports: [], endStates: [], covered: 0, total: 0, percent: 100 });

describe('analysis store: coverage and the scenarios of each flow', () => {
  let client: FakeClient;

  beforeEach(() => {
    setActivePinia(createPinia());
    client = fakeClient({
      'examples.list': () => ({
        root: '/examples',
        files: [
          file('flows/order-status.flow.yaml', 'flow'),
          file('scenarios/order-status.scenario.yaml', 'scenario', ['happy path', 'slow API']),
          file('scenarios/mixed.scenario.yaml', 'scenario', ['voice one', 'chat one']),
          file('scenarios/broken.scenario.yaml', 'scenario', [], [{ path: 'flow', message: 'missing' }]),
        ],
      }),
      'analysis.coverage': () => ({
        flows: [
          coverage('/examples/flows/order-status.flow.yaml', [
            { file: 'scenarios/order-status.scenario.yaml', index: 0, name: 'happy path', scenarioId: null },
            { file: 'scenarios/order-status.scenario.yaml', index: 1, name: 'slow API', scenarioId: null },
            { file: 'scenarios/mixed.scenario.yaml', index: 0, name: 'voice one', scenarioId: null },
          ]),
          coverage('/examples/flows/refund-chat.flow.yaml', [{ file: 'scenarios/mixed.scenario.yaml', index: 1, name: 'chat one', scenarioId: null }]),
          coverage(null, [{ file: 'scenarios/inline.scenario.yaml', index: 0, name: 'inline', scenarioId: null }]),
        ],
      }),
    });
    setClient(client);
  });

  it('runs the valid example files in one coverage call', async () => {
    const analysis = useAnalysisStore();
    await analysis.loadCoverage();
    const calls = client.calls.filter((c) => c.name === 'analysis.coverage');
    expect(calls).toEqual([{ name: 'analysis.coverage', input: { files: ['scenarios/order-status.scenario.yaml', 'scenarios/mixed.scenario.yaml'] } }]);
    expect([...analysis.coverage.keys()]).toEqual(['/examples/flows/order-status.flow.yaml', '/examples/flows/refund-chat.flow.yaml']);
    expect(analysis.coverageLoaded).toBe(true);
  });

  it('offers the boundary explorer the scenarios that ran the flow, one file’s scenarios split by flow', async () => {
    const analysis = useAnalysisStore();
    await analysis.loadCoverage();
    expect(analysis.scenariosOf('/examples/flows/order-status.flow.yaml').map((s) => `${s.file}#${s.index} ${s.name}`)).toEqual([
      'scenarios/order-status.scenario.yaml#0 happy path',
      'scenarios/order-status.scenario.yaml#1 slow API',
      'scenarios/mixed.scenario.yaml#0 voice one',
    ]);
    expect(analysis.scenariosOf('/examples/flows/refund-chat.flow.yaml')).toEqual([{ file: 'scenarios/mixed.scenario.yaml', index: 1, name: 'chat one', scenarioId: null }]);
    expect(analysis.scenariosOf('/examples/flows/none.flow.yaml')).toEqual([]);
  });

  it('keeps the error of a coverage call that failed', async () => {
    setClient(fakeClient({ 'examples.list': () => ({ root: '/examples', files: [file('scenarios/a.scenario.yaml', 'scenario', ['a'])] }) }));
    const analysis = useAnalysisStore();
    await analysis.loadCoverage();
    expect(analysis.coverageError).toBe('no fake for analysis.coverage');
    expect(analysis.coverageLoaded).toBe(false);
  });
});
