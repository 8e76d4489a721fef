import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ResultsFile } from '../../../main/api/formats/results';
import { FileLoader } from '../../../main/formats/file-loader';
import { FormatError } from '../../../main/formats/format-error';
import { runScenario } from '../../../main/scenario/run-scenario';
import { cli, tempTree } from '../../support/cli-harness';
import { repoRoot } from '../../support/paths';

const flowFile = readFileSync(join(repoRoot, 'examples', 'flows', 'order-status.flow.yaml'), 'utf8');
const mocksFile = readFileSync(join(repoRoot, 'examples', 'mocks', 'shop.mocks.yaml'), 'utf8');

/** A scenario file next to the example flow and mocks. */
function tree(scenario: string): { dir: string; cleanup(): void } {
  return tempTree({ 'flows/order-status.flow.yaml': flowFile, 'mocks/shop.mocks.yaml': mocksFile, 's.scenario.yaml': scenario });
}

const header = 'format: flowbench.scenario/1\nflow: flows/order-status.flow.yaml\nmocks: mocks/shop.mocks.yaml\n';

/*
 * One data-driven scenario over the example voice flow: the order number, the API latency and
 * what to expect per row. By SPEC §3 (worked out in test/unit/analysis/tune.test.ts) the
 * request goes at 3200 with deadline 8200, hold speaks until 5200, the await starts at 4700:
 *   4800 ms: arrives 8000, after one waiting → success; dead air 5200–8000 = 2800.
 *   404 at 300 ms: arrives 3500, routed at 4700 by not_found; speech runs on: no dead air.
 *   6000 ms: arrives 9200 > 8200: failure at 8200 → handover; dead air 5200–8200 = 3000.
 */
const dataDriven = `${header}scenarios:
  - name: first
    user: [ { say: "It's 1" } ]
  - name: "order {{order}} at {{latency}} ms"
    each:
      - { order: "12345", latency: 4800, ends: end, says: "Your order is shipped.", limits: { deadAir: 2800 } }
      - { order: "404", latency: 300, ends: end, says: "I can't find that order.", limits: { deadAir: 0 } }
      - { order: "12345", latency: 6000, ends: handover, says: "Our system is slow", limits: { deadAir: 3000 } }
    overrides: { order_status: { latency: { fixed: "{{latency}}" } } }
    user: [ { say: "It's {{order}}", afterMs: 400 } ]
    expect:
      - ends: "{{ends}}"
      - requests: { endpoint: order_status, count: 1 }
      - maxDeadAirMs: "{{limits.deadAir}}"
      - says: "{{says}}"
  - name: plain name
    each: [ { n: 1 }, { n: 2 } ]
    user: [ { say: "It's {{n}}{{n}}" } ]
`;

describe('data-driven scenarios (each:)', () => {
  const files = tree(dataDriven);
  afterAll(() => files.cleanup());

  it('expands one run per row, with {{name}} filled in and whole-string placeholders keeping their type', async () => {
    const loaded = await new FileLoader(files.dir).loadScenarios('s.scenario.yaml');
    expect(loaded.map((s) => [s.index, s.name, s.row?.path ?? null])).toEqual([
      [0, 'first', null],
      [1, 'order 12345 at 4800 ms', 'scenarios[1].each[0]'],
      [2, 'order 404 at 300 ms', 'scenarios[1].each[1]'],
      [3, 'order 12345 at 6000 ms', 'scenarios[1].each[2]'],
      // A name without placeholders gets the row's values: every run has a name of its own.
      [4, 'plain name [n=1]', 'scenarios[2].each[0]'],
      [5, 'plain name [n=2]', 'scenarios[2].each[1]'],
    ]);
    const [, slow] = loaded;
    expect(slow?.overrides).toEqual({ order_status: { latency: { fixed: 4800 } } }); // a number, not "4800"
    expect(slow?.user).toEqual([{ say: "It's 12345", afterMs: 400 }]);
    expect(slow?.expect).toEqual([{ ends: 'end' }, { requests: { endpoint: 'order_status', count: 1 } }, { maxDeadAirMs: 2800 }, { says: 'Your order is shipped.' }]);
    expect(slow?.row?.values).toEqual({ order: '12345', latency: 4800, ends: 'end', says: 'Your order is shipped.', limits: { deadAir: 2800 } });
    expect(loaded[4]?.user).toEqual([{ say: "It's 11" }]); // inside text a number is written as text
    expect(new Set(loaded.map((s) => s.id)).size).toBe(6);
  });

  it('runs each row as its own scenario: the example bands, row by row', async () => {
    const loaded = await new FileLoader(files.dir).loadScenarios('s.scenario.yaml');
    // 4800: waiting then success (dead air 5200–8000); 404 at 300: not_found; 6000: failure → handover.
    const results = loaded.slice(1, 4).map((s) => runScenario(s));
    expect(results.map((r) => [r.status, r.endState, r.row?.index])).toEqual([
      ['passed', 'end', 0],
      ['passed', 'end', 1],
      ['passed', 'handover', 2],
    ]);
    expect(results[0]?.row).toEqual({ index: 0, values: { order: '12345', latency: 4800, ends: 'end', says: 'Your order is shipped.', limits: { deadAir: 2800 } } });
  });

  it('reports rows as separate results: pretty, JSON, JUnit testcases, --grep', async () => {
    const run = await cli(['run', 's.scenario.yaml', '--reporter', 'pretty', '--reporter', 'json:out.json', '--reporter', 'junit:junit.xml'], files.dir);
    expect(run.code).toBe(0);
    const json = ResultsFile.parse(JSON.parse(readFileSync(join(files.dir, 'out.json'), 'utf8')));
    expect(json.scenarios.map((s) => s.name)).toEqual(['first', 'order 12345 at 4800 ms', 'order 404 at 300 ms', 'order 12345 at 6000 ms', 'plain name [n=1]', 'plain name [n=2]']);
    expect(json.scenarios.map((s) => s.row?.index ?? null)).toEqual([null, 0, 1, 2, 0, 1]);
    const xml = readFileSync(join(files.dir, 'junit.xml'), 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(6);
    expect(xml).toContain('name="order 404 at 300 ms"');
    expect(run.stdout).toContain('✓ order 12345 at 6000 ms');
    const grep = await cli(['run', 's.scenario.yaml', '--grep', 'order 12345'], files.dir);
    expect(grep.stdout).toContain('Running 2 scenarios');
  });
});

describe('bad rows are invalid files with a path', () => {
  const load = async (scenario: string): Promise<FormatError> => {
    const files = tree(scenario);
    try {
      await new FileLoader(files.dir).loadScenarios('s.scenario.yaml');
      throw new Error('expected the file to be invalid');
    } catch (error) {
      if (!(error instanceof FormatError)) throw error;
      return error;
    } finally {
      files.cleanup();
    }
  };

  it('names the place of a placeholder the row does not define, and the row', async () => {
    const error = await load(`${header}scenarios:
  - name: ok
  - name: "order {{order}}"
    each:
      - { order: "1" }
      - { order: "2" }
      - { latency: 300 }
    user: [ { say: "It's {{order}}" } ]
`);
    expect(error.issues).toEqual([
      { file: 's.scenario.yaml', path: 'scenarios[1].name', line: 6, column: 11, message: 'row scenarios[1].each[2] (latency=300): {{order}} is not defined in this row (it defines: latency)' },
      { file: 's.scenario.yaml', path: 'scenarios[1].user[0].say', line: 11, column: 20, message: 'row scenarios[1].each[2] (latency=300): {{order}} is not defined in this row (it defines: latency)' },
    ]);
  });

  it('names the place a row makes invalid', async () => {
    const error = await load(`${header}name: "latency {{latency}}"
each:
  - { latency: 300 }
  - { latency: "slow" }
overrides: { order_status: { latency: { fixed: "{{latency}}" } } }
`);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]).toMatchObject({ path: 'overrides.order_status.latency.fixed', line: 8, message: expect.stringMatching(/^row each\[1\] \(latency=slow\): expected a number, got text$/) });
  });

  it('checks what a row names against the flow, per row', async () => {
    const error = await load(`${header}name: "visits {{m}}"
each: [ { m: check }, { m: nowhere } ]
expect: [ { visits: ["{{m}}"] } ]
`);
    expect(error.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'expect[0].visits[0]: row each[1] (m=nowhere): unknown module \'nowhere\' (modules: greet, read, lookup, hold, pause, check, tries, tell, unknown, sorry, agent, bye)',
    ]);
  });

  it('keeps each: on scenarios, not at the top of a list', async () => {
    const error = await load(`${header}each: [ { a: 1 } ]\nscenarios:\n  - name: x\n`);
    expect(error.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(['each: each: belongs to a scenario: put it on the scenarios of the list that use it']);
  });

  it('exits 2 through the CLI, with the file, line and path', async () => {
    const files = tree(`${header}name: "order {{order}}"\neach: [ { id: 1 } ]\n`);
    try {
      const run = await cli(['run', 's.scenario.yaml'], files.dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('s.scenario.yaml:4:7 name: row each[0] (id=1): {{order}} is not defined in this row (it defines: id)');
    } finally {
      files.cleanup();
    }
  });
});
