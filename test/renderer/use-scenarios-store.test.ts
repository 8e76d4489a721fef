import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunResultSummary } from '../../main/api/routes/library-runs';
import type { ScenarioSummary } from '../../main/api/routes/library-scenarios';
import { setClient } from '../../renderer/src/api/client';
import { useScenariosStore } from '../../renderer/src/stores/use-scenarios-store';
import { fakeClient } from './fake-client';
import type { FakeClient } from './fake-client';

const summary = (scenarioId: number, status: RunResultSummary['status']): RunResultSummary => ({ resultId: scenarioId * 10, scenarioId, name: `s${scenarioId}`, file: 'scenarios/x.scenario.yaml', status, endState: 'end', virtualMs: 1, wallMs: 1, appliedPatches: {} });

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
              cancelled: false,
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
    expect(store.lastProgress).toMatchObject({ done: 3, total: 3, passed: 2, failed: 1, errors: 0, cancelled: false });
    expect(store.results.get(2)?.status).toBe('failed');
  });

  it('stops the run after the scenario that is running: says how many of how many ran', async () => {
    let end: (cancelled: boolean) => void = () => undefined;
    const cancels: string[] = [];
    client = fakeClient({
      'scenarios.run': () =>
        new Promise((resolve) => {
          end = (cancelled) =>
            resolve({ run: { id: 2, startedAt: '', finishedAt: '', source: 'workbench', filter: {}, passed: 1, failed: 0, errors: 0 }, results: [summary(1, 'passed')], cancelled });
        }),
      'scenarios.cancelRun': (input) => {
        cancels.push(input.progressId);
        return { cancelled: true };
      },
      'scenarios.list': () => ({ total: 0, items: [] }),
      'scenarios.tags': () => ({ tags: [] }),
    });
    setClient(client);
    const store = useScenariosStore();
    const running = store.runMany([1, 2, 3, 4]);
    const { progressId } = client.calls[0]?.input as { progressId: string };
    client.emit('scenarios.progress', { progressId, done: 1, total: 4, scenarioId: 1, name: 's1', status: 'passed' });
    await store.stopRun();
    expect(cancels).toEqual([progressId]);
    expect(store.progress).toMatchObject({ done: 1, total: 4, stopping: true });
    // Pressing it again asks nothing more.
    await store.stopRun();
    expect(cancels).toHaveLength(1);

    end(true);
    await running;
    expect(store.progress).toBeNull();
    expect(store.lastProgress).toMatchObject({ done: 1, total: 4, passed: 1, failed: 0, errors: 0, cancelled: true });
    expect(store.results.get(1)?.status).toBe('passed');
  });

  it('asks again at the next scenario’s end when the host did not know the run yet', async () => {
    let end: () => void = () => undefined;
    const answers = [false, true];
    let cancels = 0;
    client = fakeClient({
      'scenarios.run': () =>
        new Promise((resolve) => {
          end = () => resolve({ run: { id: 3, startedAt: '', finishedAt: '', source: 'workbench', filter: {}, passed: 1, failed: 0, errors: 0 }, results: [summary(1, 'passed')], cancelled: true });
        }),
      'scenarios.cancelRun': () => ({ cancelled: answers[cancels++] ?? false }),
      'scenarios.list': () => ({ total: 0, items: [] }),
      'scenarios.tags': () => ({ tags: [] }),
    });
    setClient(client);
    const store = useScenariosStore();
    const running = store.runMany([1, 2]);
    const { progressId } = client.calls[0]?.input as { progressId: string };
    await store.stopRun();
    expect(cancels).toBe(1);
    client.emit('scenarios.progress', { progressId, done: 1, total: 2, scenarioId: 1, name: 's1', status: 'passed' });
    await Promise.resolve();
    expect(cancels).toBe(2);
    end();
    await running;
    expect(store.lastProgress).toMatchObject({ done: 1, total: 2, cancelled: true });
  });

  it('asks the host for a dry run of a scenario being edited', async () => {
    const store = useScenariosStore();
    expect(await store.validate({ file: null }, { name: 'x', flow: 'flows/nope.flow.yaml', user: [], expect: [] })).toEqual([{ path: 'scenario.flow', message: 'no flow' }]);
    expect(client.calls[0]?.input).toEqual({ scenario: { name: 'x', flow: 'flows/nope.flow.yaml', user: [], expect: [] } });
    await store.validate({ id: 4 }, { name: 'x' });
    expect(client.calls[1]?.input).toEqual({ id: 4, scenario: { name: 'x' } });
  });

  it('shows the answer to the last search asked for when an earlier load answers after it', async () => {
    const scenario = (id: number, name: string): ScenarioSummary => ({ id, name, description: null, file: 'scenarios/x.scenario.yaml', index: id, tags: [], flow: { id: 1, name: 'f' }, mockSetId: null, lastRun: null, createdAt: '', updatedAt: '' });
    const all = [scenario(1, 'order lookup'), scenario(2, 'refund')];
    const answers: (() => void)[] = [];
    client = fakeClient({
      'scenarios.list': (input) =>
        new Promise((resolve) => {
          answers.push(() => {
            const text = input?.text;
            const matching = all.filter((s) => text === undefined || s.name.includes(text));
            resolve({ total: matching.length, items: matching });
          });
        }),
      'scenarios.tags': () => ({ tags: [] }),
    });
    setClient(client);
    const store = useScenariosStore();
    // A save reloads the whole library; then the user searches for "refund".
    const reload = store.load();
    store.text = 'refund';
    const search = store.load();
    answers[1]?.();
    await search;
    expect(store.items.map((s) => s.name)).toEqual(['refund']);
    // The reload answers last: its answer is for a search nobody shows any more.
    answers[0]?.();
    await reload;
    expect(store.items.map((s) => s.name)).toEqual(['refund']);
    expect(store.total).toBe(1);
    expect(store.loading).toBe(false);
  });
});
