import { describe, expect, it } from 'vitest';
import { pickerGroups } from '../../renderer/src/scenarios/picker-options';

const example = (path: string, scenarios: string[]) => ({ path, scenarios, issues: [] });

describe('scenario picker options', () => {
  it('lists an example the library also holds once, as the library scenario', () => {
    const groups = pickerGroups(
      [example('scenarios/order-status.scenario.yaml', ['fast API', 'slow API']), example('scenarios/refund.scenario.yaml', ['refund'])],
      [{ id: 7, name: 'fast API', file: 'scenarios/order-status.scenario.yaml' }],
    );
    const labels = groups.flatMap((g) => g.children.map((o) => o.label));
    expect(labels).toEqual(['slow API', 'refund', 'fast API — scenarios/order-status.scenario.yaml']);
    expect(groups.find((g) => g.key === 'library')?.children[0]?.source).toEqual({ kind: 'library', scenarioId: 7, name: 'fast API' });
    // Every option has its own value.
    const values = groups.flatMap((g) => g.children.map((o) => o.value));
    expect(new Set(values).size).toBe(values.length);
  });

  it('drops an example file whose scenarios are all in the library, and skips invalid files', () => {
    const groups = pickerGroups(
      [example('a.scenario.yaml', ['x']), { path: 'bad.scenario.yaml', scenarios: ['y'], issues: [{ path: 'name', message: 'expected a name' }] }],
      [{ id: 1, name: 'x', file: 'a.scenario.yaml' }],
    );
    expect(groups.map((g) => g.key)).toEqual(['library']);
  });

  it('tells apart two scenarios that read the same', () => {
    const groups = pickerGroups(
      [example('a.scenario.yaml', ['same', 'same', 'other'])],
      [
        { id: 1, name: 'copy', file: 'b.scenario.yaml' },
        { id: 2, name: 'copy', file: 'b.scenario.yaml' },
      ],
    );
    expect(groups.flatMap((g) => g.children.map((o) => o.label))).toEqual(['same (#1)', 'same (#2)', 'other', 'copy — b.scenario.yaml (id 1)', 'copy — b.scenario.yaml (id 2)']);
  });
});
