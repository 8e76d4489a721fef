/**
 * The smallest valid chat flow and mock set (ask → call e → bye), for tests that break one line
 * of a valid file and expect the CLI to name that place.
 */
export const MINIMAL_FLOW = `format: flowbench.flow/1
name: minimal
channel: chat
start: ask
endpoints:
  - { id: e, url: /e, timeoutMs: 1000 }
modules:
  - { id: ask, type: say, text: "hi", ports: { next: { to: call, arrow: red } } }
  - { id: call, type: api, endpoint: e, ports: { success: bye, failure: bye } }
  - { id: bye, type: end }
`;

export const MINIMAL_MOCKS = `format: flowbench.mocks/1
routes:
  - { id: e, path: /e, responses: [ { status: 200 } ] }
`;

function replaceIn(file: string, name: string, from: string, to: string): string {
  if (!file.includes(from)) throw new Error(`test setup: '${from}' not in ${name}`);
  return file.replace(from, to);
}

/** The minimal flow with one line changed. */
export const flowWith = (from: string, to: string): string => replaceIn(MINIMAL_FLOW, 'MINIMAL_FLOW', from, to);

/** The minimal mock set with one line changed. */
export const mocksWith = (from: string, to: string): string => replaceIn(MINIMAL_MOCKS, 'MINIMAL_MOCKS', from, to);
