import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempTree } from '../../support/cli-harness';

/** SPEC §7.2 lambda-syntax: code that does not compile makes the file invalid (exit 2), naming the file, the path and the line inside the code. */
const FLOW = `format: flowbench.flow/1
name: code
channel: chat
start: tier
endpoints:
  - id: e
    url: /e
    post: |
      response.status = 200;
modules:
  - id: tier
    type: lambda
    code: |
      const spend = context.spend || 0;
      return spend > 1000 ? 'vip' : undefined;
    ports: { next: call, vip: call, error: bye }
  - { id: call, type: api, endpoint: e, ports: { success: bye, failure: bye } }
  - { id: bye, type: end }
`;

const flowWith = (from: string, to: string): string => {
  if (!FLOW.includes(from)) throw new Error(`test setup: '${from}' not in FLOW`);
  return FLOW.replace(from, to);
};

type Case = [title: string, content: string, expected: string[]];
const cases: Case[] = [
  [
    'a lambda that does not compile',
    flowWith("return spend > 1000 ? 'vip' : undefined;", "return spend > 1000 ? 'vip' undefined;"),
    // `code: |` is on line 13: the code's line 2 is the file's line 15, indented 6.
    ['f.flow.yaml:15:7 modules[0].code: JavaScript does not compile at line 2 of the code: SyntaxError: expecting \':\' (lambda-syntax)'],
  ],
  ['a post hook that does not compile', flowWith('response.status = 200;', 'response.status = ;'), ['f.flow.yaml:9:7 endpoints[0].post: JavaScript does not compile at line 1 of the code: SyntaxError:', '(lambda-syntax)']],
  // A quoted string: the file position is the string's; an unmatched brace is blamed on the code's last line.
  ['a pre hook that does not compile', flowWith('    post: |', '    pre: "request.url = \'/x\'\\n}"\n    post: |'), ['f.flow.yaml:8:10 endpoints[0].pre: JavaScript does not compile at line 2 of the code: SyntaxError:']],
  ['strict mode: with', flowWith('const spend = context.spend || 0;', 'with (context) {}'), ['modules[0].code: JavaScript does not compile at line 1 of the code: SyntaxError:']],
  ['a lambda without code', flowWith('    code: |\n      const spend = context.spend || 0;\n      return spend > 1000 ? \'vip\' : undefined;\n', ''), ['modules[0].code', 'missing field']],
  ['empty code', flowWith('    code: |\n      const spend = context.spend || 0;\n      return spend > 1000 ? \'vip\' : undefined;\n', '    code: ""\n'), ['modules[0].code', 'expected JavaScript code']],
  ['a CPU limit over 1 s', flowWith('    ports: { next: call', '    timeoutMs: 5000\n    ports: { next: call'), ['modules[0].timeoutMs', 'expected at most 1000 ms of CPU time']],
  ['code too long', flowWith('    code: |\n', `    code: "${'x;'.repeat(40_000)}"\n    old: |\n`), ['modules[0].code', 'expected at most 65,536 characters of code']],
];

describe('code in flows: invalid files (exit 2, file, path and line)', () => {
  const tree = tempTree({ 'ok.flow.yaml': FLOW });
  afterAll(() => tree.cleanup());

  it('accepts the valid flow the cases start from', async () => {
    const result = await cli(['validate', 'ok.flow.yaml'], tree.dir);
    expect(result.code).toBe(0);
  });

  it.each(cases)('%s', async (_title, content, expected) => {
    const { writeFileSync, rmSync } = await import('node:fs');
    const path = `${tree.dir}/f.flow.yaml`;
    writeFileSync(path, content);
    try {
      const result = await cli(['validate', 'f.flow.yaml'], tree.dir);
      expect(result.code).toBe(2);
      for (const text of expected) expect(result.output).toContain(text);
      expect(result.output).toContain('f.flow.yaml');
    } finally {
      rmSync(path);
    }
  });

  it('flowbench lint reports lambda-unknown-port', async () => {
    const { writeFileSync, rmSync } = await import('node:fs');
    writeFileSync(`${tree.dir}/l.flow.yaml`, flowWith("      return spend > 1000", "      if (context.gold) return 'gold';\n      return spend > 1000"));
    try {
      const result = await cli(['lint', 'l.flow.yaml'], tree.dir);
      expect(result.output).toContain('lambda-unknown-port');
      expect(result.output).toContain("returns 'gold' (line 2 of its code)");
    } finally {
      rmSync(`${tree.dir}/l.flow.yaml`);
    }
  });
});
