import { VirtualClock } from '../../main/engine/virtual-clock';

/**
 * Virtual time for tests, shaped like Temporal's time-skipping test environment:
 * `sleep` skips time (running whatever falls due), `now` reads it, `teardown` drops the rest.
 */
export interface TestEnv {
  readonly clock: VirtualClock;
  readonly seed: number;
  sleep(ms: number): void;
  now(): number;
  teardown(): void;
}

export function createTestEnv({ seed = 1 }: { seed?: number } = {}): TestEnv {
  const clock = new VirtualClock();
  return {
    clock,
    seed,
    sleep: (ms) => clock.advanceBy(ms),
    now: () => clock.now(),
    teardown: () => clock.clear(),
  };
}
