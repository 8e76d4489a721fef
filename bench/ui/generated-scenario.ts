import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Trace events one round of the generated flow produces on average (measured on the engine with seed 3). */
export const EVENTS_PER_ROUND = 16.74;

export const BENCH_SCENARIO = 'bench: a long polling conversation';

/**
 * Writes a voice flow that polls an endpoint in a loop (say → api_async → wait → api_await
 * → counter), its mocks and a scenario into `<dir>/bench/`, sized so the run's trace has
 * about `events` events. Returns the scenario file, relative to `dir`.
 */
export function writeGeneratedScenario(dir: string, events: number): string {
  const rounds = Math.ceil((events - 6) / EVENTS_PER_ROUND);
  const folder = join(dir, 'bench');
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    join(folder, 'poll.flow.yaml'),
    `format: flowbench.flow/1
name: Bench polling flow
channel: voice
start: ask
endpoints:
  - { id: poll, method: GET, url: /poll, timeoutMs: 2000, statusContext: poll_status }
modules:
  - { id: ask, type: say, text: "Still checking", ports: { next: send } }
  - { id: send, type: api_async, endpoint: poll, ports: { next: pause } }
  - { id: pause, type: wait, ms: 200, ports: { next: check } }
  - { id: check, type: api_await, endpoint: poll, timeoutMs: 1000, ports: { success: count, waiting: count, failure: count } }
  - { id: count, type: counter, name: rounds, max: ${rounds - 1}, ports: { next: ask, exceeded: bye } }
  - { id: bye, type: end }
`,
  );
  writeFileSync(
    join(folder, 'poll.mocks.yaml'),
    `format: flowbench.mocks/1
seed: 1
routes:
  - { id: poll, method: GET, path: /poll, latency: { uniform: [600, 1400] }, responses: [ { status: 200, body: { ready: false } } ] }
`,
  );
  writeFileSync(
    join(folder, 'poll.scenario.yaml'),
    `format: flowbench.scenario/1
name: "${BENCH_SCENARIO}"
flow: poll.flow.yaml
mocks: poll.mocks.yaml
clock: virtual
seed: 3
maxDurationMs: 36000000
expect:
  - ends: end
`,
  );
  return 'bench/poll.scenario.yaml';
}
