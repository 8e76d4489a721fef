import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toYaml } from '../../../main/store/yaml-writer';

describe('toYaml', () => {
  it('writes short collections of scalars on one line, the rest in block style', () => {
    const text = toYaml({
      latency: { fixed: 300 },
      visits: ['greet', 'read'],
      expect: [{ ends: 'end' }, { port: { module: 'check', is: 'waiting', nth: 1 } }],
      long: { a: 'x'.repeat(40), b: 'y'.repeat(40) },
    });
    expect(text).toBe(
      [
        'latency: { fixed: 300 }',
        'visits: [ greet, read ]',
        'expect:',
        '  - ends: end',
        '  - port: { module: check, is: waiting, nth: 1 }',
        'long:',
        `  a: ${'x'.repeat(40)}`,
        `  b: ${'y'.repeat(40)}`,
        '',
      ].join('\n'),
    );
  });

  it('reads back to the same value, whatever the strings hold', () => {
    const value = {
      templates: ['{{order_id}}', "It's 12345", 'a: b', '- dash', '#hash', 'yes', 'null', '123', '\\d+', ''],
      multi: 'line one\nline two\n',
      inFlow: { text: 'multi\nline' },
      numbers: [0, -1, 1.5, 1e21],
      nested: { deep: [{ a: [1, [2, 3]] }] },
      empty: { map: {}, list: [] },
      unicode: 'café — ok',
    };
    expect(parse(toYaml(value))).toEqual(value);
  });

  it('never folds long lines and never writes anchors for repeated values', () => {
    const shared = { a: 1, b: 2 };
    const text = toYaml({ one: shared, two: shared, long: 'word '.repeat(60).trim() });
    expect(text).not.toContain('&');
    expect(text).not.toContain('*');
    expect(text.split('\n').some((line) => line.length > 250)).toBe(true);
  });

  it('is deterministic', () => {
    const value = { b: [1, 2], a: { c: 'd' } };
    expect(toYaml(value)).toBe(toYaml(structuredClone(value)));
  });
});
