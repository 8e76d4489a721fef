import { describe, expect, it } from 'vitest';
import { lookupIn, renderJson, renderTemplate } from '../../../main/expr/template';

describe('templates read own properties only', () => {
  const view = { params: { id: '7' }, body: { order: { id: 'A1' }, items: ['x'] }, headers: {} };

  it('renders prototype members as missing values, never as functions or native code', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'params.constructor', 'body.__proto__', 'body.items.length', 'params.id.length', 'headers.toString']) {
      const rendered = renderTemplate(`[{{${name}}}]`, lookupIn(view));
      expect(rendered, name).toEqual({ value: '[]', missing: [name] });
    }
    // A string that is exactly one placeholder keeps its type: a missing value is null.
    expect(renderJson({ a: '{{constructor}}', b: '{{params.id}}' }, lookupIn(view))).toEqual({ value: { a: null, b: '7' }, missing: ['constructor'] });
  });

  it('still reads the values that are there', () => {
    expect(renderTemplate('{{params.id}}/{{body.order.id}}/{{body.items.0}}', lookupIn(view))).toEqual({ value: '7/A1/x', missing: [] });
  });
});
