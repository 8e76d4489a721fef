import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { setClient } from '../../renderer/src/api/client';
import { contextRows } from '../../renderer/src/sessions/context-diff';
import { divergenceMarkers, replayLabel } from '../../renderer/src/sessions/replay-labels';
import { scenarioFromSession } from '../../renderer/src/sessions/session-files';
import { describeRefs, scenarioRefs } from '../../renderer/src/sessions/session-scenario';
import { DEFAULT_REPLAY } from '../../renderer/src/stores/use-recordings-store';
import { fakeClient } from './fake-client';

/** What sessions.toScenario answers for the library (`for: 'library'`) for a session of the example voice flow. */
const hostEntry = `name: my session
description: recorded session abc (2026-11-24T18:23:04.978Z), real clock
flow: flows/order-status.flow.yaml
mocks: mocks/shop.mocks.yaml
overrides:
  order_status:
    latency:
      sequence:
        - 375
seed: 7
user:
  - say: It's 12345
    afterMs: 11273
expect:
  - ends: end
`;

describe('a session as a library scenario', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('asks the host for the library entry and takes it as it is, checking the library has its files', async () => {
    const client = fakeClient({
      'sessions.toScenario': () => ({ yaml: hostEntry }),
      'flows.list': () => ({ total: 1, items: [{ id: 1, name: 'Order status', path: 'flows/order-status.flow.yaml', channel: 'voice', scenarios: 6, sha256: 'x', createdAt: '', updatedAt: '' }] }),
      'mockSets.list': () => ({ total: 0, items: [] }),
    });
    setClient(client);
    const draft = await scenarioFromSession('abc', 'my session');
    expect(client.calls.find((c) => c.name === 'sessions.toScenario')?.input).toEqual({ id: 'abc', name: 'my session', for: 'library' });
    // No conversion on this side: the entry goes to the editor as the host wrote it.
    expect(draft.yaml).toBe(hostEntry);
    expect(draft.refs).toEqual([
      { key: 'flow', path: 'flows/order-status.flow.yaml' },
      { key: 'mocks', path: 'mocks/shop.mocks.yaml' },
    ]);
    expect(draft.missing).toEqual(['mocks/shop.mocks.yaml']);
  });

  it('reads a flow or mocks carried inline (files outside the examples folder) as needing nothing from the library', () => {
    const refs = scenarioRefs('name: x\nflow: { format: flowbench.flow/1, name: inline }\nmocks: mocks/shop.mocks.yaml\n');
    expect(refs).toEqual([
      { key: 'flow', path: null },
      { key: 'mocks', path: 'mocks/shop.mocks.yaml' },
    ]);
    expect(describeRefs(refs)).toBe('flow: inline (its file is outside the examples folder), mocks: mocks/shop.mocks.yaml (library path)');
    expect(scenarioRefs('name: x\n')).toEqual([]);
    expect(scenarioRefs('name: [x')).toEqual([]);
  });
});

describe('divergence, side by side', () => {
  it('pairs the contexts by name and marks those that differ', () => {
    expect(contextRows({ order_id: '1', order_state: 'shipped' }, { order_id: '1', await_tries: 1 })).toEqual([
      { name: 'await_tries', recorded: undefined, replayed: 1, differs: true },
      { name: 'order_id', recorded: '1', replayed: '1', differs: false },
      { name: 'order_state', recorded: 'shipped', replayed: undefined, differs: true },
    ]);
  });

  it('marks each run where it takes the step that differs', () => {
    const markers = divergenceMarkers({
      step: 5,
      module: 'check',
      recorded: { t: 4327, port: 'success', reason: 'status 200', contexts: {} },
      replayed: { t: 7304, port: 'waiting', reason: 'module_timeout after 3000 ms', contexts: {} },
      summary: '',
    });
    expect(markers).toEqual({ recorded: [{ t: 4327, label: 'diverges here: check → success' }], replayed: [{ t: 7304, label: 'diverges here: check → waiting' }] });
    expect(divergenceMarkers(null)).toEqual({ recorded: [], replayed: [] });
  });

  it('captions a replay with what it ran with', () => {
    expect(replayLabel(DEFAULT_REPLAY)).toBe('Replay (virtual clock): the recorded flow, answers from the recording');
    expect(replayLabel({ ...DEFAULT_REPLAY, flowFile: 'flows/edited.flow.yaml', relative: true, endpointLatency: { order_status: 6000 } })).toBe(
      'Replay (virtual clock): flows/edited.flow.yaml, answers from the recording, relative timing, order_status at 6000 ms',
    );
  });
});
