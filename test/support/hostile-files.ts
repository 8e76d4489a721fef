/** Files that hung flowbench before issue 18, shared by the CLI and browser-mode tests. */

/** 30 numbers: `[0, 1, …, 29]`. */
const thirty = `[${Array.from({ length: 30 }, (_, i) => i).join(', ')}]`;
/** 30^4 = 810,000 innermost steps if nothing stopped it (it ran 32 s and took 2 GB). */
export const NESTED_MAP = `${thirty}.map(a, ${thirty}.map(b, ${thirty}.map(c, ${thirty}.map(d, a + b + c + d)))).size() > 0`;

/** A chat flow that captures with a catastrophic-backtracking pattern, then runs a nested map. */
export const HANG_FLOW = `format: flowbench.flow/1
name: former hangs
channel: chat
start: ask
modules:
  - { id: ask, type: say, text: "Say something", ports: { next: { to: read, arrow: red } } }
  - { id: read, type: capture, save: answer, pattern: "^(a+)+$", ports: { next: check, nomatch: check } }
  - id: check
    type: condition
    cases: [ { port: many, when: "${NESTED_MAP}" } ]
    ports: { many: bye, else: bye }
  - { id: bye, type: end }
`;

/** 36 × "a" then "!": JavaScript's RegExp backtracks 2^36 times on ^(a+)+$. */
export const HANG_SCENARIO = `format: flowbench.scenario/1
name: former hangs finish at once
flow: hang.flow.yaml
user: [ { say: "${'a'.repeat(36)}!" } ]
expect:
  - port: { module: read, is: nomatch }
  - port: { module: check, is: else }
  - ends: end
`;
