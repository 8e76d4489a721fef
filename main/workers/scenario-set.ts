import type { FlowFile } from '../api/formats/flow';
import type { MocksFile } from '../api/formats/mocks';
import type { LoadedScenario } from '../formats/loaded-scenario';
import type { LoadedScenarioSet } from './job-contract';

/**
 * Loaded scenarios to and from the pool's wire form: the loader shares one flow (and one
 * mock set) object between the scenarios that use it, and so does the set, by index; the
 * host gets the same sharing back (one flow object for 1,000 scenarios, not 1,000 copies).
 */
export function packScenarios(scenarios: readonly LoadedScenario[], total = scenarios.length): LoadedScenarioSet {
  const flows = new Indexed<FlowFile>();
  const mocks = new Indexed<MocksFile>();
  return {
    total,
    scenarios: scenarios.map(({ flow, mocks: mockSet, ...rest }) => ({
      ...rest,
      flowIndex: flows.indexOf(flow),
      mocksIndex: mockSet === null ? null : mocks.indexOf(mockSet),
    })),
    flows: flows.items,
    mocks: mocks.items,
  };
}

/** The scenarios of a set, each with its flow and mock set; an index the set does not have is an error (a broken contract). */
export function unpackScenarios(set: LoadedScenarioSet): LoadedScenario[] {
  return set.scenarios.map(({ flowIndex, mocksIndex, ...rest }) => ({
    ...rest,
    flow: at(set.flows, flowIndex, 'flow'),
    mocks: mocksIndex === null ? null : at(set.mocks, mocksIndex, 'mock set'),
  }));
}

function at<T>(items: readonly T[], index: number, what: string): T {
  const item = items[index];
  if (item === undefined) throw new Error(`the loaded scenarios name ${what} ${index} of ${items.length}`);
  return item;
}

/** Distinct objects by identity, in order of first sight. */
class Indexed<T extends object> {
  readonly items: T[] = [];
  private readonly seen = new Map<T, number>();

  indexOf(item: T): number {
    let index = this.seen.get(item);
    if (index === undefined) {
      index = this.items.length;
      this.items.push(item);
      this.seen.set(item, index);
    }
    return index;
  }
}
