import { describe, expect, it } from 'vitest';
import { celSyntaxError, compileCel, toCelVariables } from '../../../main/expr/cel';
import { celIdentifiers } from '../../../main/expr/cel-identifiers';
import { lookupIn, parseTemplate, renderJson, renderTemplate } from '../../../main/expr/template';

describe('CEL', () => {
  const ev = (source: string, vars: Record<string, unknown>) => compileCel(source).evaluate(toCelVariables(vars as never));

  it('passes whole numbers in as int and returns JSON numbers', () => {
    expect(ev('tries + 1', { tries: 2 })).toBe(3);
    expect(ev('status == 404', { status: 404 })).toBe(true);
    expect(ev('price * 2.0', { price: 1.5 })).toBe(3);
    expect(ev('{"a": 1, "b": "x"}', {})).toEqual({ a: 1, b: 'x' });
  });

  it('reports syntax errors at load and evaluation errors at run time', () => {
    expect(celSyntaxError('status >>')).toMatch(/invalid CEL expression/);
    expect(celSyntaxError('body.items.size() > 0')).toBeNull();
    expect(() => ev('missing.field', {})).toThrow(/cannot evaluate/);
  });

  it('finds the free variables of an expression', () => {
    expect(celIdentifiers("message.contains('yes') && tries + 1 > max && body.state == \"x\"").sort()).toEqual(['body', 'max', 'message', 'tries']);
    expect(celIdentifiers('items.all(i, i > 0)')).toEqual(['items']);
  });
});

describe('templates', () => {
  const values = { order: { id: 'A 1', n: 3 }, name: 'Ann' };

  it('renders {{name}} and {{name.path}}, URL-encoding when asked', () => {
    expect(renderTemplate('/orders/{{order.id}}?who={{ name }}', lookupIn(values), encodeURIComponent)).toEqual({ value: '/orders/A%201?who=Ann', missing: [] });
  });

  it('lists missing values and renders them empty', () => {
    expect(renderTemplate('Hi {{nobody}}!', lookupIn(values))).toEqual({ value: 'Hi !', missing: ['nobody'] });
  });

  it('keeps the type of a string that is exactly one placeholder', () => {
    expect(renderJson({ n: '{{order.n}}', s: 'n={{order.n}}', list: ['{{name}}'] }, lookupIn(values)).value).toEqual({ n: 3, s: 'n=3', list: ['Ann'] });
  });

  it('refuses bad placeholders', () => {
    expect(() => parseTemplate('{{ a b }}')).toThrow(/invalid placeholder/);
    expect(() => parseTemplate('{{open')).toThrow(/unbalanced/);
  });
});
