import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ResultsFile } from '../../../main/api/formats/results';
import { cli, tempTree } from '../../support/cli-harness';
import { repoRoot } from '../../support/paths';

const examples = readFileSync(join(repoRoot, 'examples', 'scenarios', 'order-status.scenario.yaml'), 'utf8');

describe('flowbench run', () => {
  it('runs every example and exits 0', async () => {
    const result = await cli(['run', 'examples'], repoRoot);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Running 14 scenarios');
    expect(result.stdout).toMatch(/14 passed, 0 failed, 0 errors/);
  });

  describe('with a failing scenario', () => {
    // The slow scenario with a wrong expectation: the second await really succeeds.
    const broken = examples.replace('- port: { module: check, is: success, nth: 2 }', '- port: { module: check, is: failure, nth: 2 }');
    const tree = tempTree({
      'scenarios/s.scenario.yaml': broken,
      'flows/order-status.flow.yaml': readFileSync(join(repoRoot, 'examples', 'flows', 'order-status.flow.yaml'), 'utf8'),
      'mocks/shop.mocks.yaml': readFileSync(join(repoRoot, 'examples', 'mocks', 'shop.mocks.yaml'), 'utf8'),
    });
    const dir = tree.dir;
    afterAll(() => tree.cleanup());

    it('exits 1 and shows the check, expected vs actual, and the port path', async () => {
      const result = await cli(['run', 'scenarios'], dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('5 passed, 1 failed, 0 errors');
      expect(result.stdout).toContain('FAILED slow API — waiting once, then success');
      expect(result.stdout).toContain('✗ port: check #2 is failure');
      expect(result.stdout).toContain('exit #2 took success (status 200), expected failure');
      expect(result.stdout).toContain('port path: greet.next → read.next → lookup.next → hold.next → pause.next → check.waiting → tries.next → check.success → tell.next → bye');
      expect(result.stdout).toContain('7700 ms  check → waiting  (module_timeout after 3000 ms)');
    });

    it('writes JSON and JUnit reports to files', async () => {
      const result = await cli(['run', 'scenarios', '--reporter', 'json:out/results.json', '--reporter', 'junit:out/junit.xml', '--reporter', 'pretty'], dir);
      expect(result.code).toBe(1);
      const json = ResultsFile.parse(JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8')));
      expect(json.summary).toEqual({ passed: 5, failed: 1, errors: 0 });
      expect(json.scenarios[1]?.trace.at(-1)).toMatchObject({ type: 'end', state: 'end', t: 8000 });
      const xml = readFileSync(join(dir, 'out', 'junit.xml'), 'utf8');
      expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="flowbench" tests="6" failures="1" errors="0"/);
      expect(xml.match(/<testcase /g)).toHaveLength(6);
      expect(xml.match(/<failure /g)).toHaveLength(1);
      expect(xml).toContain('name="slow API — waiting once, then success"');
      expect(xml).toContain('message="port: check #2 is failure: exit #2 took success (status 200), expected failure"');
      // Well-formed: every opened element is closed.
      expect(xml.match(/<testsuite /g)?.length).toBe(xml.match(/<\/testsuite>/g)?.length);
    });

    it('filters with --grep and splits with --shard', async () => {
      const grep = await cli(['run', 'scenarios', '--grep', 'slow', '--reporter', 'json'], dir);
      expect(ResultsFile.parse(JSON.parse(grep.stdout)).scenarios.map((s) => s.name)).toEqual([
        'slow API — waiting once, then success',
        'API slower than the endpoint timeout — waiting, then failure, handover',
      ]);
      const names: string[] = [];
      for (const shard of ['1/3', '2/3', '3/3']) {
        const part = await cli(['run', 'scenarios', '--shard', shard, '--reporter', 'json'], dir);
        names.push(...ResultsFile.parse(JSON.parse(part.stdout)).scenarios.map((s) => s.name));
      }
      expect(names).toHaveLength(6);
      expect(new Set(names).size).toBe(6);
    });
  });

  it('--seed changes the draws of unfixed latencies, and the same seed repeats them', async () => {
    const { dir, cleanup } = tempTree({
      'f.flow.yaml': readFileSync(join(repoRoot, 'examples', 'flows', 'order-status.flow.yaml'), 'utf8'),
      'm.mocks.yaml': readFileSync(join(repoRoot, 'examples', 'mocks', 'shop.mocks.yaml'), 'utf8'),
      's.scenario.yaml': 'format: flowbench.scenario/1\nname: lognormal\nflow: f.flow.yaml\nmocks: m.mocks.yaml\nuser: [ { say: "12345" } ]\n',
    });
    const arrival = async (seed: string): Promise<number | undefined> => {
      const out = await cli(['run', 's.scenario.yaml', '--seed', seed, '--reporter', 'json'], dir);
      return ResultsFile.parse(JSON.parse(out.stdout)).scenarios[0]?.trace.find((e) => e.type === 'response')?.t;
    };
    const a = await arrival('1');
    expect(await arrival('1')).toBe(a);
    const others = await Promise.all(['2', '3', '4', '5'].map(arrival));
    expect(others.some((t) => t !== a)).toBe(true);
    cleanup();
  });

  it('refuses bad options with exit 2', async () => {
    expect((await cli(['run', 'examples', '--shard', '4/3'], repoRoot)).code).toBe(2);
    expect((await cli(['run', 'examples', '--reporter', 'html'], repoRoot)).code).toBe(2);
    expect((await cli(['run', 'examples', '--grep', '('], repoRoot)).code).toBe(2);
    expect((await cli(['run', 'examples', '--grep', 'no such scenario'], repoRoot)).code).toBe(2);
    expect((await cli(['run', 'no-such-folder'], repoRoot)).code).toBe(2);
  });
});

describe('flowbench lint and validate', () => {
  it('lints the examples: one warning, exit 0; --strict exits 1', async () => {
    const plain = await cli(['lint', 'examples'], repoRoot);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('examples/flows/order-status-blocking.flow.yaml:16:5 warning modules[2]');
    expect(plain.stdout).toContain('blocking-in-voice');
    expect(plain.stdout).toContain('4 flows, 1 warning');
    expect((await cli(['lint', 'examples', '--strict'], repoRoot)).code).toBe(1);
    expect((await cli(['lint', 'examples/flows/order-status.flow.yaml', '--strict'], repoRoot)).code).toBe(0);
  });

  it('validates the examples', async () => {
    const result = await cli(['validate', 'examples'], repoRoot);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('10 valid, 0 invalid');
  });
});

describe('flowbench sweep', () => {
  it('prints the bands and JSON for tools', async () => {
    const table = await cli(['sweep', 'examples/scenarios/order-status.scenario.yaml', '--endpoint', 'order_status', '--to', '8000', '--scenario', 'slow API'], repoRoot);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('0 – 4500       check.success → end');
    expect(table.stdout).toContain('4501 – 5000    check.waiting → check.success → end');
    expect(table.stdout).toContain('5001 – 8000    check.waiting → check.failure → handover');
    const json = await cli(['sweep', 'examples/scenarios/order-status.scenario.yaml', '-e', 'order_status', '--to', '8000', '-s', '1', '--json'], repoRoot);
    expect((JSON.parse(json.stdout) as { bands: unknown[] }).bands).toHaveLength(3);
  });

  it('refuses an unknown endpoint with exit 2', async () => {
    const result = await cli(['sweep', 'examples/scenarios/order-status.scenario.yaml', '-e', 'nope', '--to', '100'], repoRoot);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("the flow has no endpoint 'nope'");
  });

  it('--coverage lists the never-taken ports first', async () => {
    const result = await cli(['run', 'examples', '--coverage'], repoRoot);
    expect(result.stdout).toContain('Order status (voice, async + await) examples/flows/order-status.flow.yaml: 14/15 ports taken (93.3%) by 6 scenarios');
    expect(result.stdout).toMatch(/Port coverage\n.*\n\s+✗ read\.nomatch/);
  });
});
