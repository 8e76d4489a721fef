import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, ftruncateSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempTree } from '../../support/cli-harness';
import { flowWith, MINIMAL_FLOW as FLOW, MINIMAL_MOCKS as MOCKS, mocksWith } from '../../support/minimal-files';
import { HANG_FLOW, HANG_SCENARIO } from '../../support/hostile-files';

/*
 * Files a hostile user could share (issue 18): each is refused with exit code 2, the file,
 * the path inside it and the reason, at once — or, when it is valid, runs in bounded time.
 * Every value over a limit is refused, never clamped. The limits are README "Limits".
 */

/** The flow with one more module (modules[3]) before `bye`'s line. */
const withModule = (module: string): string => flowWith('  - { id: bye, type: end }', `  - { id: bye, type: end }\n  - ${module}`);
const scenario = (body: string): string => `format: flowbench.scenario/1\nflow: ok.flow.yaml\nmocks: ok.mocks.yaml\nscenarios:\n${body}`;

/** `[[[…]]]` written out, `depth` levels. */
const brackets = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** A YAML map nested `depth` levels by indentation. */
const blockNesting = (depth: number): string => Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n';

type Case = [title: string, file: string, content: string, expected: string[]];

const cases: Case[] = [
  // Patterns run on RE2: what RE2 cannot express is an invalid file, with why.
  ['capture: backreference', 'f.flow.yaml', withModule('{ id: grab, type: capture, save: x, pattern: "(a)\\\\1", ports: { next: bye, nomatch: bye } }'), ['modules[3].pattern', 'RE2 cannot run this pattern: backreferences']],
  ['capture: lookahead', 'f.flow.yaml', withModule('{ id: grab, type: capture, save: x, pattern: "(?=\\\\d)\\\\d+", ports: { next: bye, nomatch: bye } }'), ['modules[3].pattern', 'lookahead and lookbehind']],
  ['capture: lookbehind', 'f.flow.yaml', withModule('{ id: grab, type: capture, save: x, pattern: "(?<=#)\\\\d+", ports: { next: bye, nomatch: bye } }'), ['modules[3].pattern', 'lookahead and lookbehind']],
  ['capture: repeats that expand too far', 'f.flow.yaml', withModule(`{ id: grab, type: capture, save: x, pattern: "${'x{1000}'.repeat(6)}", ports: { next: bye, nomatch: bye } }`), ['modules[3].pattern', 'pattern too large: its repeats expand to about 6000 RE2 instructions (the limit is 5000)']],
  ['capture: pattern over 1000 characters', 'f.flow.yaml', withModule(`{ id: grab, type: capture, save: x, pattern: "${'a'.repeat(1001)}", ports: { next: bye, nomatch: bye } }`), ['modules[3].pattern', 'pattern too long: 1001 characters (the limit is 1000)']],
  // CEL is type-checked against what the expression may read.
  ['CEL: unknown function', 'f.flow.yaml', withModule('{ id: pick, type: condition, cases: [ { port: yes, when: "message.frobnicate(\\"yes\\")" } ], ports: { yes: bye, else: bye } }'), ['modules[3].cases[0].when', "found no matching overload for 'string.frobnicate(string)'"]],
  ['CEL: this.constructor', 'f.flow.yaml', withModule('{ id: pick, type: condition, cases: [ { port: yes, when: "this.constructor" } ], ports: { yes: bye, else: bye } }'), ['modules[3].cases[0].when', "unknown variable 'this'", 'a module can read: message, sys_interruption, sys_no_input_count']],
  ['CEL: a context nothing sets', 'f.flow.yaml', withModule('{ id: pick, type: condition, cases: [ { port: yes, when: "tries > 2" } ], ports: { yes: bye, else: bye } }'), ['modules[3].cases[0].when', "unknown variable 'tries'"]],
  ['CEL: matches() with a pattern RE2 cannot run', 'f.flow.yaml', withModule('{ id: pick, type: condition, cases: [ { port: yes, when: "message.matches(\\"(?!no)\\")" } ], ports: { yes: bye, else: bye } }'), ['modules[3].cases[0].when', 'lookahead and lookbehind']],
  ['CEL: wrong types in an endpoint rule', 'f.flow.yaml', flowWith('timeoutMs: 1000 }', 'timeoutMs: 1000, success: "status == \\"200\\"" }'), ['endpoints[0].success', 'no such overload: int == string']],
  ['CEL: unknown variable in a context set', 'f.flow.yaml', withModule('{ id: put, type: context, set: { x: "nope + 1" }, ports: { next: bye } }'), ['modules[3].set.x', "unknown variable 'nope'"]],
  ['scenario: bad CEL in an override', 's.scenario.yaml', scenario('  - { name: a, overrides: { e: { responses: [ { when: "params.id ==", status: 500 } ] } } }\n'), ['scenarios[0].overrides.e.responses[0].when', 'invalid CEL expression']],
  ['scenario: unknown variable in an override', 's.scenario.yaml', scenario('  - { name: a, overrides: { e: { responses: [ { when: "flavour == 1", status: 500 } ] } } }\n'), ['scenarios[0].overrides.e.responses[0].when', "unknown variable 'flavour'"]],
  ['mocks: unknown variable in when', 'm.mocks.yaml', mocksWith('{ status: 200 }', '{ when: "flavour == \'x\'", status: 200 }'), ['routes[0].responses[0].when', "unknown variable 'flavour'", 'a mock rule can read: body, headers, method, params, path, query']],
  // Times up to 24 h, rates in [0, 1], counts finite: never clamped.
  ['mocks: fixed latency 3e9 ms', 'm.mocks.yaml', mocksWith('path: /e,', 'path: /e, latency: { fixed: 3000000000 },'), ['routes[0].latency.fixed', 'expected at most 86400000 ms (24 h)']],
  ['mocks: uniform up to 1e15 ms', 'm.mocks.yaml', mocksWith('path: /e,', 'path: /e, latency: { uniform: [1, 1e15] },'), ['routes[0].latency.uniform[1]', 'expected at most 86400000 ms (24 h)']],
  ['mocks: lognormal p99 1e300 ms', 'm.mocks.yaml', mocksWith('path: /e,', 'path: /e, latency: { lognormal: { medianMs: 800, p99Ms: 1e300 } },'), ['routes[0].latency.lognormal.p99Ms', 'expected at most 86400000 ms (24 h)']],
  ['mocks: normal sd 1e9 ms', 'm.mocks.yaml', mocksWith('path: /e,', 'path: /e, latency: { normal: { meanMs: 10, sdMs: 1000000000 } },'), ['routes[0].latency.normal.sdMs', 'expected at most 86400000 ms (24 h)']],
  ['mocks: a sequence entry of 24 h + 1 ms', 'm.mocks.yaml', mocksWith('path: /e,', 'path: /e, latency: { sequence: [10, 86400001] },'), ['routes[0].latency.sequence[1]', 'expected at most 86400000 ms (24 h)']],
  ['mocks: slow_body over 1e12 ms', 'm.mocks.yaml', mocksWith('path: /e,', 'path: /e, faults: [ { kind: slow_body, ms: 1000000000000, rate: 1 } ],'), ['routes[0].faults[0].ms', 'expected at most 86400000 ms (24 h)']],
  ['mocks: rate 1.5', 'm.mocks.yaml', mocksWith('path: /e,', 'path: /e, faults: [ { kind: reset, rate: 1.5 } ],'), ['routes[0].faults[0].rate', 'expected a rate from 0 to 1']],
  ['mocks: rate .nan', 'm.mocks.yaml', mocksWith('path: /e,', 'path: /e, faults: [ { kind: reset, rate: .nan } ],'), ['routes[0].faults[0].rate', 'expected a number']],
  ['mocks: nth 1e20', 'm.mocks.yaml', mocksWith('path: /e,', 'path: /e, faults: [ { kind: reset, nth: [1e20] } ],'), ['routes[0].faults[0].nth[0]', 'expected at most 1000000']],
  ['mocks: weight .inf', 'm.mocks.yaml', mocksWith('{ status: 200 }', '{ status: 200, weight: .inf }'), ['routes[0].responses[0].weight', 'expected a finite number']],
  ['flow: endpoint timeout 1e9 ms', 'f.flow.yaml', flowWith('timeoutMs: 1000 }', 'timeoutMs: 1000000000 }'), ['endpoints[0].timeoutMs', 'expected at most 86400000 ms (24 h)']],
  ['flow: await timeout over 24 h', 'f.flow.yaml', withModule('{ id: check, type: api_await, endpoint: e, timeoutMs: 86400001, ports: { success: bye } }'), ['modules[3].timeoutMs', 'expected at most 86400000 ms (24 h)']],
  ['flow: wait 1e12 ms', 'f.flow.yaml', withModule('{ id: pause, type: wait, ms: 1000000000000, ports: { next: bye } }'), ['modules[3].ms', 'expected at most 86400000 ms (24 h)']],
  ['flow: counter max 1e12', 'f.flow.yaml', withModule('{ id: tries, type: counter, name: n, max: 1000000000000, ports: { next: bye, exceeded: bye } }'), ['modules[3].max', 'expected at most 1000000']],
  ['flow: speech at .inf words per minute', 'f.flow.yaml', flowWith('channel: chat', 'channel: voice\nspeech: { wpm: .inf }'), ['speech.wpm', 'expected a finite number']],
  ['flow: speech at 0.001 words per minute', 'f.flow.yaml', flowWith('channel: chat', 'channel: voice\nspeech: { wpm: 0.001 }'), ['speech.wpm', 'expected 1 to 1000 words per minute']],
  ['scenario: afterMs 1e10', 's.scenario.yaml', scenario('  - { name: a, user: [ { say: hi, afterMs: 10000000000 } ] }\n'), ['scenarios[0].user[0].afterMs', 'expected at most 86400000 ms (24 h)']],
  ['scenario: maxDurationMs 1e10', 's.scenario.yaml', scenario('  - { name: a, maxDurationMs: 10000000000 }\n'), ['scenarios[0].maxDurationMs', 'expected at most 86400000 ms (24 h)']],
  ['scenario: override latency over 24 h', 's.scenario.yaml', scenario('  - { name: a, overrides: { e: { latency: { fixed: 86400001 } } } }\n'), ['scenarios[0].overrides.e.latency.fixed', 'expected at most 86400000 ms (24 h)']],
  ['scenario: time scale 0', 's.scenario.yaml', scenario('  - { name: a, clock: real, timeScale: 0 }\n'), ['scenarios[0].timeScale', 'expected a time scale from 0.001 to 100']],
  ['scenario: maxDeadAirMs over 24 h', 's.scenario.yaml', scenario('  - { name: a, expect: [ { maxDeadAirMs: 99999999999 } ] }\n'), ['scenarios[0].expect[0].maxDeadAirMs', 'expected at most 86400000 ms (24 h)']],
  // Nesting deeper than 64: located, never "Maximum call stack size exceeded".
  ['JSON nested 10,000 deep', 'deep.flow.json', brackets(10_000), ['deep.flow.json:1:65', '[0]', 'nested deeper than 64 levels of objects and lists']],
  // The document is level 1, `contexts` level 2, the first [ (column 16) level 3: level 65 is
  // the 63rd [, at column 16 + 62 = 78.
  ['YAML flow nested 10,000 deep', 'deep.flow.yaml', `format: flowbench.flow/1\ncontexts: { a: ${brackets(10_000)} }\n`, ['deep.flow.yaml:2:78', 'contexts.a[0]', 'nested deeper than 64 levels']],
  ['YAML block nested 100 deep', 'block.flow.yaml', blockNesting(100), ['block.flow.yaml:65:65', 'k0.k1.k2', 'nested deeper than 64 levels']],
  ['YAML aliases nesting past 64', 'alias.flow.yaml', `a: &a ${brackets(40)}\nb: &b ${'['.repeat(30)}*a${']'.repeat(30)}\n`, ['alias.flow.yaml', 'b[0]', 'nested deeper than 64 levels']],
  // Sizes: checked before the heavy work.
  ['flow with 6,000 modules', 'many.flow.json', JSON.stringify({ format: 'flowbench.flow/1', name: 'many', start: 'm0', modules: Array.from({ length: 6000 }, (_, i) => ({ id: `m${i}`, type: 'end' })) }), ['many.flow.json:1:', 'modules', 'too many modules: 6000 (the limit is 5000 per file)']],
  ['mocks with 1,001 routes', 'many.mocks.yaml', `format: flowbench.mocks/1\nroutes:\n${Array.from({ length: 1001 }, (_, i) => `  - { id: r${i}, path: /r${i}, responses: [ { status: 200 } ] }`).join('\n')}\n`, ['many.mocks.yaml:3:3 routes', 'too many routes: 1001 (the limit is 1000 per file)']],
  ['scenario with 10,001 user steps', 'many.scenario.yaml', `format: flowbench.scenario/1\nname: a\nflow: ok.flow.yaml\nuser: [${Array.from({ length: 10_001 }, () => '{ say: hi }').join(', ')}]\n`, ['many.scenario.yaml:4:7 user', 'too many user steps: 10001 (the limit is 10000 per file)']],
  ['YAML of 200,001 lines', 'long.flow.yaml', `format: flowbench.flow/1\n${'#\n'.repeat(200_000)}`, ['long.flow.yaml (file)', 'too large to parse: 200002 lines (the limit is 200000 lines of YAML)']],
];

describe('hostile input: refused with exit code 2, the file and the place in it', () => {
  const tree = tempTree({ 'ok.flow.yaml': FLOW, 'ok.mocks.yaml': MOCKS });
  afterAll(() => tree.cleanup());

  it('accepts the files the cases start from', async () => {
    const result = await cli(['validate', 'ok.flow.yaml', 'ok.mocks.yaml'], tree.dir);
    expect(result.output).toContain('2 valid, 0 invalid');
    expect(result.code).toBe(0);
  });

  it(`has at least 40 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', async (_title, file, content, expected) => {
    const path = join(tree.dir, file);
    writeFileSync(path, content);
    try {
      const result = await cli(['validate', file], tree.dir);
      for (const text of expected) expect(result.output).toContain(text);
      expect(result.output).toContain(file);
      expect(result.output).not.toMatch(/Maximum call stack|RangeError|TypeError/);
      expect(result.code).toBe(2);
    } finally {
      rmSync(path);
    }
  });

  it('refuses /dev/zero, a FIFO, a folder and a 21 MB file at once, without reading them', async () => {
    const fifo = join(tree.dir, 'pipe.flow.yaml');
    execFileSync('mkfifo', [fifo]);
    const big = join(tree.dir, 'big.flow.yaml');
    // A sparse file: 21 MB by its size, nothing written.
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 21 * 1024 * 1024);
    closeSync(fd);
    mkdirSync(join(tree.dir, 'folder.flow.yaml'));
    const expectations: [string, string][] = [
      ['/dev/zero', '/dev/zero (file): not a regular file (a device); flowbench reads only regular files'],
      ['pipe.flow.yaml', 'pipe.flow.yaml (file): not a regular file (a FIFO (named pipe)); flowbench reads only regular files'],
      ['big.flow.yaml', 'big.flow.yaml (file): too large (22020096 bytes; the limit is 20971520 bytes, 20 MB)'],
    ];
    try {
      for (const [file, message] of expectations) {
        const result = await cli(['validate', file], tree.dir);
        expect(result.output).toContain(message);
        expect(result.code).toBe(2);
      }
      // A folder named like a flow is searched as a folder (holding no flowbench file).
      const run = await cli(['run', 'folder.flow.yaml'], tree.dir);
      expect(run.code).toBe(2);
      // `lint` and `replay` read files the same way.
      expect((await cli(['lint', 'pipe.flow.yaml'], tree.dir)).code).toBe(2);
      const replay = await cli(['replay', 'pipe.flow.yaml'], tree.dir);
      expect(replay.output).toContain('not a regular file (a FIFO (named pipe))');
      expect(replay.code).toBe(2);
    } finally {
      rmSync(fifo);
      rmSync(big);
      rmSync(join(tree.dir, 'folder.flow.yaml'), { recursive: true });
    }
  }, 30_000);

  it('lint reports an invalid pattern or expression with exit code 2', async () => {
    const file = join(tree.dir, 'lint.flow.yaml');
    writeFileSync(file, withModule('{ id: grab, type: capture, save: x, pattern: "(a)\\\\1", ports: { next: bye, nomatch: bye } }'));
    try {
      const result = await cli(['lint', 'lint.flow.yaml'], tree.dir);
      expect(result.output).toContain('lint.flow.yaml:11:');
      expect(result.output).toContain('modules[3].pattern: RE2 cannot run this pattern: backreferences');
      expect(result.code).toBe(2);
    } finally {
      rmSync(file);
    }
  });
});

describe('former hangs run in bounded time', () => {
  const tree = tempTree({ 'hang.flow.yaml': HANG_FLOW, 'hang.scenario.yaml': HANG_SCENARIO });
  afterAll(() => tree.cleanup());

  it('validates the flow (both are valid), then runs it at once: RE2 for the pattern, the cost budget for the map', async () => {
    expect((await cli(['validate', 'hang.flow.yaml'], tree.dir)).code).toBe(0);
    const started = performance.now();
    const result = await cli(['run', 'hang.scenario.yaml'], tree.dir);
    // Generous for a busy machine; before, the pattern alone took minutes.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.output).toContain('1 passed');
    expect(result.code).toBe(0);
    // The pretty reporter shows why the condition took `else`.
    expect(result.output).toContain('⚠ cel_error in check at 0 ms: case \'many\': cannot evaluate');
    expect(result.output).toContain('evaluation over its cost budget of 100000 steps');
  }, 30_000);

  it('shows the cel_error of a failing scenario too', async () => {
    writeFileSync(join(tree.dir, 'fail.scenario.yaml'), HANG_SCENARIO.replace('is: else', 'is: many'));
    const result = await cli(['run', 'fail.scenario.yaml'], tree.dir);
    expect(result.code).toBe(1);
    expect(result.output).toContain('⚠ cel_error in check');
  }, 30_000);
});
