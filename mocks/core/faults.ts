import type { Fault } from '../../main/api/formats/mocks';
import type { RequestDraws } from './seeded-rng';

/** The first fault that hits the `n`-th matching request, by `nth` or by a seeded `rate` draw. */
export function pickFault(faults: readonly Fault[], n: number, draws: RequestDraws): Fault | null {
  for (let i = 0; i < faults.length; i++) {
    const fault = faults[i];
    if (!fault) continue;
    if (fault.nth !== undefined) {
      if (fault.nth.includes(n)) return fault;
    } else if (fault.rate !== undefined && draws.uniform('fault', i) < fault.rate) {
      return fault;
    }
  }
  return null;
}
