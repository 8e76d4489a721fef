import { describe, expect, it } from 'vitest';
import { problemRange, problemText } from '../../renderer/src/code/code-diagnostics';
import { withCode } from '../../renderer/src/flows/save-flow-code';

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
