import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempTree } from '../../support/cli-harness';
import { flowWith, MINIMAL_FLOW as FLOW, MINIMAL_MOCKS as MOCKS, mocksWith } from '../../support/minimal-files';

const scenario = (body: string): string => `format: flowbench.scenario/1\nflow: ok.flow.yaml\nmocks: ok.mocks.yaml\nscenarios:\n${body}`;

type Case = [title: string, file: string, content: string, expected: string[]];

const cases: Case[] = [
  ['unknown module type', 'f.flow.yaml', flowWith('type: end', 'type: finish'), ['modules[2].type', 'expected one of']],
  ['unknown port target', 'f.flow.yaml', flowWith('success: bye', 'success: nowhere'), ['modules[1].ports.success', "unknown module 'nowhere'"]],
  ['unknown endpoint', 'f.flow.yaml', flowWith('endpoint: e,', 'endpoint: nope,'), ['modules[1].endpoint', "unknown endpoint 'nope'"]],
  ['missing field', 'f.flow.yaml', flowWith('text: "hi", ', ''), ['modules[0].text', 'missing field']],
  ['wrong type', 'f.flow.yaml', flowWith('timeoutMs: 1000', 'timeoutMs: slow'), ['endpoints[0].timeoutMs', 'expected a number, got text']],
  ['bad CEL in an endpoint rule', 'f.flow.yaml', flowWith('timeoutMs: 1000 }', 'timeoutMs: 1000, success: "status >>" }'), ['endpoints[0].success', 'invalid CEL expression']],
  ['bad CEL in a map', 'f.flow.yaml', flowWith('timeoutMs: 1000 }', 'timeoutMs: 1000, map: { x: "body.(" } }'), ['endpoints[0].map.x', 'invalid CEL expression']],
  ['bad regex', 'f.flow.yaml', flowWith('- { id: bye, type: end }', '- { id: bye, type: end }\n  - { id: grab, type: capture, save: x, pattern: "(unclosed", ports: { next: bye, nomatch: bye } }'), ['modules[3].pattern', 'invalid regular expression']],
  ['duplicate module id', 'f.flow.yaml', flowWith('- { id: bye, type: end }', '- { id: bye, type: end }\n  - { id: ask, type: end }'), ['modules[3].id', "duplicate module id 'ask'"]],
  ['duplicate endpoint id', 'f.flow.yaml', flowWith('timeoutMs: 1000 }', 'timeoutMs: 1000 }\n  - { id: e, url: /again }'), ['endpoints[1].id', "duplicate endpoint id 'e'"]],
  ['a port the module type does not have', 'f.flow.yaml', flowWith('ports: { next: { to: call', 'ports: { success: bye, next: { to: call'), ['modules[0].ports.success', "module type 'say' has no port 'success'"]],
  ['unknown start', 'f.flow.yaml', flowWith('start: ask', 'start: hello'), ['start', "unknown module 'hello'"]],
  ['wrong format', 'f.flow.yaml', flowWith('flowbench.flow/1', 'flowbench.flow/9'), ['format', 'expected format: flowbench.flow/1']],
  ['unknown field', 'f.flow.yaml', flowWith('text: "hi"', 'text: "hi", colour: red'), ['modules[0].colour', "unknown field 'colour'"]],
  ['YAML syntax error', 'f.flow.yaml', flowWith('channel: chat', 'channel: [chat'), ['f.flow.yaml:4:1 (syntax)', 'invalid YAML/JSON: Flow sequence']],
  ['bad placeholder', 'f.flow.yaml', flowWith('text: "hi"', 'text: "hi {{ not valid }}"'), ['modules[0].text', 'invalid placeholder']],
  ['custom port named like a built-in', 'f.flow.yaml', flowWith('timeoutMs: 1000 }', 'timeoutMs: 1000, ports: [ { name: success, when: "true" } ] }'), ['endpoints[0].ports[0].name', 'built-in port']],
  ['api_await without timeoutMs', 'f.flow.yaml', flowWith('- { id: bye, type: end }', '- { id: bye, type: end }\n  - { id: check, type: api_await, endpoint: e, ports: { success: bye } }'), ['modules[3].timeoutMs', 'missing field']],
  ['wrong channel', 'f.flow.yaml', flowWith('channel: chat', 'channel: fax'), ['channel', 'expected one of']],
  ['JSON with a wrong type', 'f.flow.json', JSON.stringify({ format: 'flowbench.flow/1', name: 'j', start: 'a', contexts: [], modules: [{ id: 'a', type: 'end' }] }), ['contexts', 'expected an object (names and values), got a list']],
  ['empty file', 'f.flow.yaml', '', ['expected a flowbench format']],
  ['mocks: unknown latency model', 'm.mocks.yaml', mocksWith('path: /e,', 'path: /e, latency: { gamma: 3 },'), ['routes[0].latency', 'expected one latency model']],
  ['mocks: fault without trigger', 'm.mocks.yaml', mocksWith('path: /e,', 'path: /e, faults: [ { kind: reset } ],'), ['routes[0].faults[0]', 'expected exactly one trigger']],
  ['mocks: unknown fault kind', 'm.mocks.yaml', mocksWith('path: /e,', 'path: /e, faults: [ { kind: explode, rate: 1 } ],'), ['routes[0].faults[0].kind', 'expected a fault kind']],
  ['mocks: bad Express path', 'm.mocks.yaml', mocksWith('path: /e,', 'path: "/e/:",'), ['routes[0].path', 'invalid Express path']],
  ['mocks: bad CEL in when', 'm.mocks.yaml', mocksWith('{ status: 200 }', '{ when: "params.id ==", status: 200 }'), ['routes[0].responses[0].when', 'invalid CEL expression']],
  ['mocks: status out of range', 'm.mocks.yaml', mocksWith('status: 200', 'status: 99'), ['routes[0].responses[0].status', 'expected at least 100']],
  ['mocks: uniform with min > max', 'm.mocks.yaml', mocksWith('path: /e,', 'path: /e, latency: { uniform: [500, 100] },'), ['routes[0].latency.uniform', 'min <= max']],
  ['scenario: unknown check', 's.scenario.yaml', scenario('  - { name: a, expect: [ { finishes: end } ] }\n'), ['scenarios[0].expect[0]', 'expected one check per item']],
  ['scenario: unknown end state', 's.scenario.yaml', scenario('  - { name: a, expect: [ { ends: done } ] }\n'), ['scenarios[0].expect[0].ends', 'expected one of']],
  ['scenario: port check on an unknown module', 's.scenario.yaml', scenario('  - { name: a, expect: [ { port: { module: nope, is: success } } ] }\n'), ['scenarios[0].expect[0].port.module', "unknown module 'nope'"]],
  ['scenario: a port the module does not have', 's.scenario.yaml', scenario('  - { name: a, expect: [ { port: { module: call, is: waiting } } ] }\n'), ['scenarios[0].expect[0].port.is', "has no port 'waiting'"]],
  ['scenario: override of an unknown route', 's.scenario.yaml', scenario('  - { name: a, overrides: { nope: { latency: { fixed: 1 } } } }\n'), ['scenarios[0].overrides.nope', "unknown route 'nope'"]],
  ['scenario: requests of an unknown endpoint', 's.scenario.yaml', scenario('  - { name: a, expect: [ { requests: { endpoint: x, count: 1 } } ] }\n'), ['scenarios[0].expect[0].requests.endpoint', "unknown endpoint 'x'"]],
  ['scenario: dead air in a chat flow', 's.scenario.yaml', scenario('  - { name: a, expect: [ { maxDeadAirMs: 10 } ] }\n'), ['scenarios[0].expect[0].maxDeadAirMs', 'voice flows only']],
  ['scenario: missing flow file', 's.scenario.yaml', 'format: flowbench.scenario/1\nname: a\nflow: missing.flow.yaml\n', ['missing.flow.yaml', 'no such file']],
  ['scenario: no name', 's.scenario.yaml', 'format: flowbench.scenario/1\nflow: ok.flow.yaml\n', ['name', 'expected a scenario name']],
  ['scenario: negative afterMs', 's.scenario.yaml', scenario('  - { name: a, user: [ { say: hi, afterMs: -5 } ] }\n'), ['scenarios[0].user[0].afterMs', 'expected 0 ms or more']],
  // SPEC §7.1: voice turn events and interruptions.
  ['scenario: DTMF in a chat flow', 's.scenario.yaml', scenario('  - { name: a, user: [ { say: hi }, { silence: true }, { dtmf: "12#" } ] }\n'), ['scenarios[0].user[2].dtmf', 'DTMF key presses need a voice flow']],
  ['scenario: hangup with two triggers', 's.scenario.yaml', scenario('  - { name: a, user: [ { hangup: { afterMs: 1, atMs: 2 } } ] }\n'), ['scenarios[0].user[0].hangup', 'expected exactly one of afterMs, atMs, deadAirMs (got afterMs and atMs)']],
  ['scenario: hangup with no trigger', 's.scenario.yaml', scenario('  - { name: a, user: [ { hangup: {} } ] }\n'), ['scenarios[0].user[0].hangup', 'expected exactly one of afterMs, atMs, deadAirMs']],
  ['scenario: a hangup on dead air in a chat flow', 's.scenario.yaml', scenario('  - { name: a, user: [ { hangup: { deadAirMs: 3000 } } ] }\n'), ['scenarios[0].user[0].hangup.deadAirMs', 'dead air is measured in voice flows only']],
  ['scenario: dead air of 0 ms', 's.scenario.yaml', scenario('  - { name: a, user: [ { hangup: { deadAirMs: 0 } } ] }\n'), ['scenarios[0].user[0].hangup.deadAirMs', 'expected more than 0 ms']],
  ['scenario: a step after the hangup', 's.scenario.yaml', scenario('  - { name: a, user: [ { hangup: { atMs: 10 } }, { say: hi } ] }\n'), ['scenarios[0].user[1]', 'steps after a hangup never run']],
  ['scenario: keys that are not DTMF', 's.scenario.yaml', scenario('  - { name: a, user: [ { dtmf: "12x" } ] }\n'), ['scenarios[0].user[0].dtmf', 'expected DTMF keys: 0-9, *, #, A-D']],
  ['scenario: silence that is not true', 's.scenario.yaml', scenario('  - { name: a, user: [ { silence: false } ] }\n'), ['scenarios[0].user[0].silence', 'expected true']],
  ['scenario: an unknown kind of user step', 's.scenario.yaml', scenario('  - { name: a, user: [ { press: 5 } ] }\n'), ['scenarios[0].user[0]', 'expected a user step']],
  ['scenario: an interruption the flow has no handler for', 's.scenario.yaml', scenario('  - { name: a, expect: [ { interruption: { kind: no_input } } ] }\n'), ['scenarios[0].expect[0].interruption.kind', 'no interruptions.no_input handler']],
  ['scenario: an unknown interruption kind', 's.scenario.yaml', scenario('  - { name: a, expect: [ { interruption: { kind: timeout } } ] }\n'), ['scenarios[0].expect[0].interruption.kind', 'expected one of']],
  ['scenario: maxCallMs below 0', 's.scenario.yaml', scenario('  - { name: a, expect: [ { maxCallMs: -1 } ] }\n'), ['scenarios[0].expect[0].maxCallMs', 'expected 0 ms or more']],
  ['flow: an interruption naming an unknown module', 'f.flow.yaml', flowWith('start: ask', 'start: ask\ninterruptions: { no_input: nowhere }'), ['interruptions.no_input', "unknown module 'nowhere'"]],
  ['flow: an unknown interruption kind', 'f.flow.yaml', flowWith('start: ask', 'start: ask\ninterruptions: { timeout: bye }'), ['interruptions.timeout', "unknown field 'timeout'"]],
  ['flow: a no-input timer in a chat flow', 'f.flow.yaml', flowWith('start: ask', 'start: ask\nnoInputMs: 5000'), ['noInputMs', 'the no-input timer is for voice flows']],
  ['flow: bargeIn that is not a boolean', 'f.flow.yaml', flowWith('text: "hi", ', 'text: "hi", bargeIn: sometimes, '), ['modules[0].bargeIn', 'expected true or false, got text']],
];

describe('bad input: exit code 2 and the exact place in the file', () => {
  const tree = tempTree({ 'ok.flow.yaml': FLOW, 'ok.mocks.yaml': MOCKS });
  afterAll(() => tree.cleanup());

  it('accepts the valid files the cases start from', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${tree.dir}/ok.scenario.yaml`, scenario('  - { name: fine, user: [ { say: yes } ], expect: [ { ends: end } ] }\n'));
    const result = await cli(['run', 'ok.scenario.yaml'], tree.dir);
    expect(result.output).toContain('1 passed');
    expect(result.code).toBe(0);
  });

  it(`has at least 25 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('%s', async (_title, file, content, expected) => {
    const { writeFileSync, rmSync } = await import('node:fs');
    const path = `${tree.dir}/${file}`;
    writeFileSync(path, content);
    try {
      const result = await cli([file.includes('scenario') ? 'run' : 'validate', file], tree.dir);
      expect(result.code).toBe(2);
      for (const text of expected) expect(result.output).toContain(text);
      expect(result.output).toContain(file); // the file is named
    } finally {
      rmSync(path);
    }
  });
});
