import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunResultSummary } from '../../main/api/routes/library-runs';
import { setClient } from '../../renderer/src/api/client';
import { useScenariosStore } from '../../renderer/src/stores/use-scenarios-store';
import { fakeClient } from './fake-client';
import type { FakeClient } from './fake-client';

const summary = (scenarioId: number, status: RunResultSummary['status']): RunResultSummary => ({ resultId: scenarioId * 10, scenarioId, name: `s${scenarioId}`, file: 'scenarios/x.scenario.yaml', status, endState: 'end', virtualMs: 1, wallMs: 1 });

describe('scenarios store: Run all', () => {
  let client: FakeClient;
  let finish: () => void = () => undefined;

  beforeEach(() => {
    setActivePinia(createPinia());
    client = fakeClient({
      'scenarios.run': () =>
        new Promise((resolve) => {
          finish = () =>
            resolve({
              run: { id: 1, startedAt: '', finishedAt: '', source: 'workbench', filter: {}, passed: 2, failed: 1, errors: 0 },
              results: [summary(1, 'passed'), summary(2, 'failed'), summary(3, 'passed')],
            });
        }),
      'scenarios.list': () => ({ total: 0, items: [] }),
      'scenarios.tags': () => ({ tags: [] }),
      'scenarios.validate': () => ({ issues: [{ path: 'scenario.flow', message: 'no flow' }] }),
    });
    setClient(client);
  });

  it('is one library run whose progress comes from the host’s events for its progress id', async () => {
    const store = useScenariosStore();
    const running = store.runMany([1, 2, 3]);
    expect(client.calls).toHaveLength(1);
    const input = client.calls[0]?.input as { ids: number[]; progressId: string };
    expect(input.ids).toEqual([1, 2, 3]);
    expect(store.progress).toMatchObject({ done: 0, total: 3 });

    client.emit('scenarios.progress', { progressId: input.progressId, done: 1, total: 3, scenarioId: 1, name: 's1', status: 'passed' });
    client.emit('scenarios.progress', { progressId: 'someone-else', done: 1, total: 9, scenarioId: 7, name: 'x', status: 'error' });
    client.emit('scenarios.progress', { progressId: input.progressId, done: 2, total: 3, scenarioId: 2, name: 's2', status: 'failed' });
    expect(store.progress).toMatchObject({ done: 2, total: 3, passed: 1, failed: 1, errors: 0, last: { name: 's2', status: 'failed' } });

    finish();
    await running;
    expect(store.progress).toBeNull();
    expect(store.lastProgress).toMatchObject({ done: 3, total: 3, passed: 2, failed: 1, errors: 0 });
    expect(store.results.get(2)?.status).toBe('failed');
  });

  it('asks the host for a dry run of a scenario being edited', async () => {
    const store = useScenariosStore();
    expect(await store.validate({ file: null }, { name: 'x', flow: 'flows/nope.flow.yaml', user: [], expect: [] })).toEqual([{ path: 'scenario.flow', message: 'no flow' }]);
    expect(client.calls[0]?.input).toEqual({ scenario: { name: 'x', flow: 'flows/nope.flow.yaml', user: [], expect: [] } });
    await store.validate({ id: 4 }, { name: 'x' });
    expect(client.calls[1]?.input).toEqual({ id: 4, scenario: { name: 'x' } });
  });
});
