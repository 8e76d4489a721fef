import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contextRows } from '../../renderer/src/sessions/context-diff';
import { divergenceMarkers, replayLabel } from '../../renderer/src/sessions/replay-labels';
import { libraryPathOf, libraryScenarioDraft, referencedPaths } from '../../renderer/src/sessions/session-scenario';
import { DEFAULT_REPLAY } from '../../renderer/src/stores/use-recordings-store';

/** What sessions.toScenario answers for a session of the example voice flow. */
const hostDraft = `format: flowbench.scenario/1
name: my session
description: recorded session abc (2026-11-24T18:23:04.978Z), real clock
flow: ../flows/order-status.flow.yaml
mocks: ../mocks/shop.mocks.yaml
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
  it('names files by their library path, from the scenarios folder', () => {
    expect(libraryPathOf('../flows/order-status.flow.yaml')).toBe('flows/order-status.flow.yaml');
    expect(libraryPathOf('./x.flow.yaml')).toBe('scenarios/x.flow.yaml');
    expect(libraryPathOf('../../outside.flow.yaml')).toBeNull();
    expect(libraryPathOf('/abs/flows/x.flow.yaml')).toBeNull();
    expect(libraryPathOf('C:\\flows\\x.flow.yaml')).toBeNull();
  });

  it('drops the file-level format line and rewrites the flow and mocks paths, keeping the rest', () => {
    const draft = libraryScenarioDraft(hostDraft);
    const value = parse(draft.yaml) as Record<string, unknown>;
    expect(value['format']).toBeUndefined();
    expect(value['flow']).toBe('flows/order-status.flow.yaml');
    expect(value['mocks']).toBe('mocks/shop.mocks.yaml');
    expect(value['user']).toEqual([{ say: "It's 12345", afterMs: 11273 }]);
    expect(value['overrides']).toEqual({ order_status: { latency: { sequence: [375] } } });
    expect(draft.changes).toHaveLength(3);
    expect(referencedPaths(draft.yaml)).toEqual(['flows/order-status.flow.yaml', 'mocks/shop.mocks.yaml']);
  });

  it('leaves an inline flow and a draft that does not parse alone', () => {
    expect(libraryScenarioDraft('name: x\nflow: { name: inline }\n').changes).toEqual([]);
    expect(referencedPaths('name: x\nflow: { name: inline }\n')).toEqual([]);
    const broken = 'name: [x';
    expect(libraryScenarioDraft(broken)).toEqual({ yaml: broken, changes: [] });
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
