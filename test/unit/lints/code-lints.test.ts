import { describe, expect, it } from 'vitest';
import { lintFlow } from '../../../main/lints/lint-flow';
import { scanCode } from '../../../main/lints/code-scan';
import { endpoint, flow } from '../../support/scenario-builder';

const ends = [{ id: 'ok', type: 'end' }] as const;
const lambdaFlow = (code: string, ports: Record<string, string> = { next: 'ok', vip: 'ok', error: 'ok' }) =>
  flow({ start: 'tier', modules: [{ id: 'tier', type: 'lambda', code, ports }, ...ends] });
const warnings = (f: ReturnType<typeof flow>, rule: string): { path: string; port: string | null; message: string }[] =>
  lintFlow(f)
    .filter((w) => w.rule === rule)
    .map(({ path, port, message }) => ({ path, port, message }));

describe('lint lambda-unknown-port (SPEC §7.2)', () => {
  it("flags a `return 'x'` whose port the lambda does not declare, with its line", () => {
    expect(warnings(lambdaFlow("if (context.a) return 'vip';\nif (context.b) return 'gold';\nreturn 'gold';"), 'lambda-unknown-port')).toEqual([
      {
        path: 'modules[0].code',
        port: 'gold',
        message: "lambda 'tier' returns 'gold' (line 2 of its code), which is not one of its ports (next, error, vip): returning it leaves by error",
      },
    ]);
  });

  it('accepts declared ports, next and error, in any quotes', () => {
    expect(warnings(lambdaFlow("if (a) return 'vip'; if (b) return \"next\"; if (c) return `error`; return;"), 'lambda-unknown-port')).toEqual([]);
  });

  it('ignores what is not a returned literal: comments, strings, expressions, a return before a line break', () => {
    const code = [
      "// return 'comment'",
      "/* return 'block' */",
      "const s = \"return 'inside a string'\";",
      "const re = /return 'regex'/;",
      "const half = total / 2; // a division, not a regular expression: return 'after' below still counts",
      "if (x) return 'a' + suffix;",
      "if (y) return x ? 'b' : 'c';",
      "if (z) return `gold-${tier}`;",
      'if (w) return',
      "  'asi';",
      "return 'after';",
    ].join('\n');
    expect(warnings(lambdaFlow(code), 'lambda-unknown-port').map((w) => w.port)).toEqual(['after']);
  });
});

describe('context-never-set sees flow code (SPEC §3 lints + §7.2)', () => {
  it('a context set only by a lambda or a hook counts as set; one the code reads but nothing sets is flagged', () => {
    const f = flow({
      start: 'tier',
      endpoints: [endpoint('e', { post: 'context.client = response.body.vip ? "vip" : "regular";' })],
      modules: [
        { id: 'tier', type: 'lambda', code: "context['tier'] = context.spend > 1000 ? 'vip' : 'std';\ncontext.count += 1;", ports: { next: 'call' } },
        { id: 'call', type: 'api', endpoint: 'e', ports: { success: 'say', failure: 'ok' } },
        { id: 'say', type: 'say', text: 'You are {{tier}} ({{client}}, {{count}})', ports: { next: 'ok' } },
        ...ends,
      ],
    });
    expect(warnings(f, 'context-never-set')).toEqual([
      {
        path: 'modules[0].code',
        port: null,
        message: "context 'spend' is used by the code of 'tier' (line 1) but never set (no initial value, capture, context, counter, map, interruption or code sets it)",
      },
    ]);
  });

  it('code that writes contexts by a computed name turns the lint off (it cannot tell what is set)', () => {
    const f = flow({
      start: 'tier',
      modules: [
        { id: 'tier', type: 'lambda', code: "for (const k of ['a', 'b']) context[k] = 1;", ports: { next: 'say' } },
        { id: 'say', type: 'say', text: '{{a}} {{nowhere}}', ports: { next: 'ok' } },
        ...ends,
      ],
    });
    expect(warnings(f, 'context-never-set')).toEqual([]);
  });
});

describe('scanCode', () => {
  it('finds writes (every assignment operator), reads and method calls apart', () => {
    const scan = scanCode("context.a = 1; context['b'] += 2; context.c ??= 3; if (context.d === 4 && context.e >= 5) context.f.push(1); context.hasOwnProperty('g');");
    expect([...scan.writes]).toEqual(['a', 'b', 'c']);
    expect(scan.reads.map((r) => r.name)).toEqual(['d', 'e', 'f']);
    expect(scan.dynamicWrites).toBe(false);
    expect(scanCode('Object.assign(context, patch)').dynamicWrites).toBe(true);
    expect(scanCode('foo.context.x = 1').writes.size).toBe(0);
  });
});
