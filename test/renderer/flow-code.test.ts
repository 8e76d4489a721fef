import { StringStream } from '@codemirror/language';
import { describe, expect, it } from 'vitest';
import { problemRange, problemText } from '../../renderer/src/code/code-diagnostics';
import { jsToken } from '../../renderer/src/code/javascript-language';
import type { JsState } from '../../renderer/src/code/javascript-language';
import { withCode } from '../../renderer/src/flows/save-flow-code';

/** Each line's tokens as `text:style`, the state carried from line to line as the editor does. */
function tokens(source: string): string[][] {
  const state: JsState = { inside: 'code', afterValue: false };
  return source.split('\n').map((line) => {
    const stream = new StringStream(line, 2, 2);
    const out: string[] = [];
    while (!stream.eol()) {
      const style = jsToken(stream, state);
      if (style !== null) out.push(`${stream.current()}:${style}`);
      stream.start = stream.pos;
    }
    return out;
  });
}

describe('JavaScript highlighting', () => {
  it('tells keywords, the names code is given, properties, strings, numbers and operators apart', () => {
    expect(tokens("if (context.tier === 'vip') return 42;")[0]).toEqual([
      'if:keyword',
      '(:punctuation',
      'context:variableName.special',
      '.:punctuation',
      'tier:propertyName',
      '===:operator',
      "'vip':string",
      '):punctuation',
      'return:keyword',
      '42:number',
      ';:punctuation',
    ]);
  });

  it('carries block comments and template literals over lines, and tells a regex from a division', () => {
    const [first, second, third] = tokens('/* a\nb */ const x = `t\n${1}` / 2; const r = /a\\/b/g;');
    expect(first).toEqual(['/* a:comment']);
    expect(second).toEqual(['b */:comment', 'const:keyword', 'x:variableName', '=:operator', '`t:string.special']);
    // After the template (a value) `/` divides; after `=` it starts a regex.
    expect(third).toEqual(['${1}`:string.special', '/:operator', '2:number', ';:punctuation', 'const:keyword', 'r:variableName', '=:operator', '/a\\/b/g:string.special', ';:punctuation']);
  });
});

describe('where a compile problem is marked', () => {
  const code = 'const a = 1;\nconst = 2;\nreturn a;';
  it('marks the whole line QuickJS names: line 2 spans offsets 13 to 23', () => {
    // Line 1 is 12 characters + the newline: line 2 starts at 13 and is 10 long.
    expect(problemRange(code, { message: 'SyntaxError: unexpected token', line: 2 })).toEqual({ from: 13, to: 23, line: 2 });
    expect(problemText({ message: 'SyntaxError: unexpected token', line: 2 })).toBe('Line 2: SyntaxError: unexpected token');
  });
  it('clamps a line past the end to the last line, and marks nothing without a line', () => {
    // Line 3 starts at 13 + 10 + 1 = 24 and is 9 long.
    expect(problemRange(code, { message: 'x', line: 9 })).toEqual({ from: 24, to: 33, line: 3 });
    expect(problemRange(code, { message: 'x', line: null })).toBeNull();
  });
});

describe('code into a library flow', () => {
  const body = {
    format: 'flowbench.flow/1' as const,
    name: 'f',
    start: 'l',
    endpoints: [{ id: 'e', url: '/x', post: 'response.status = 1;\n' }],
    modules: [{ id: 'l', type: 'lambda' as const, code: 'return;\n', ports: { next: 'z' } }, { id: 'z', type: 'end' as const }],
  };
  it("replaces a lambda's code and sets or removes a hook, ending code with a newline", () => {
    const lambda = withCode(body, { module: 'l' }, 'context.a = 1;');
    expect(lambda.modules?.[0]).toMatchObject({ code: 'context.a = 1;\n' });
    expect(withCode(body, { endpoint: 'e', hook: 'pre' }, 'request.url = "/y";').endpoints?.[0]).toEqual({ id: 'e', url: '/x', post: 'response.status = 1;\n', pre: 'request.url = "/y";\n' });
    expect(withCode(body, { endpoint: 'e', hook: 'post' }, '  ').endpoints?.[0]).toEqual({ id: 'e', url: '/x' });
  });
});
