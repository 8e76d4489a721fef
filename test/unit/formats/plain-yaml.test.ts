import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../main/formats/format-error';
import { hasPlainShape, parsePlainYaml } from '../../../main/formats/plain-yaml';
import { parseSourceDocument, parseYamlDocument } from '../../../main/formats/source-document';
import { toYaml } from '../../../main/store/yaml-writer';
import { examplesDir } from '../../support/paths';

/** What the full parser (with positions) makes of a text: the value, or that it refuses it. */
function slow(text: string): { value: unknown } | { refused: true } {
  try {
    return { value: parseYamlDocument('t.yaml', text).value };
  } catch (error) {
    if (error instanceof FormatError) return { refused: true };
    throw error;
  }
}

/** The fast path either declines or gives exactly what the full parser gives. */
function expectSameAsSlow(text: string): boolean {
  const fast = parsePlainYaml(text);
  if (fast === null) return false;
  expect(slow(text), JSON.stringify(text)).toStrictEqual({ value: fast.value });
  return true;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

const exampleTexts = yamlFiles(examplesDir).map((file) => readFileSync(file, 'utf8'));

/** A scenario file as bench/store writes them (100 scenarios, `yaml` stringify defaults). */
function bulkScenarioFile(): string {
  const scenarios = Array.from({ length: 100 }, (_, n) => ({
    name: `order ${n}: latency ${100 + (n % 60) * 100} ms`,
    tags: ['bench', `latency-${n % 10}`],
    overrides: { order_status: { latency: { fixed: 100 + (n % 60) * 100 } } },
    user: [{ say: `It's ${10000 + n}`, afterMs: 400 }],
    expect: [{ ends: 'end' }, { visits: ['lookup', 'check'] }, { requests: { endpoint: 'order_status', count: 1 } }],
  }));
  return stringify({ format: 'flowbench.scenario/1', flow: '../flows/order-status.flow.yaml', seed: 3, scenarios });
}

describe('plain YAML fast path', () => {
  it('takes the example files and the bulk files flowbench writes, with the same values as the full parser', () => {
    expect(exampleTexts.length).toBeGreaterThan(3);
    // Block scalars (`code: |`, flow JavaScript) are outside the plain shape: those files decline.
    const hasBlockScalar = (text: string): boolean => /:\s*[|>][-+]?\s*$/m.test(text);
    expect(exampleTexts.some(hasBlockScalar)).toBe(true);
    for (const text of exampleTexts) expect(expectSameAsSlow(text)).toBe(!hasBlockScalar(text));
    const bulk = bulkScenarioFile();
    expect(expectSameAsSlow(bulk)).toBe(true);
    expect(expectSameAsSlow(toYaml(parseYamlDocument('bulk.yaml', bulk).value))).toBe(true);
  }, 60_000);

  it('resolves plain scalars as the YAML 1.2 core schema does (yaml, not YAML 1.1)', () => {
    // Worked from YAML 1.2 §10.3.2 (core schema): 0o/0x ints, .inf/.nan floats, only
    // true/false booleans (yes/on are strings), no timestamps, `~`/null/empty are null.
    const text = [
      'octal: 0o17', // 15
      'hex: 0x1F', // 31
      'exp: 1e3', // 1000
      'plus: +12', // 12
      'half: -.5', // -0.5
      'inf: -.inf',
      'yes: yes', // a string in 1.2
      'True: True', // boolean true; as a key the boolean is written "true"
      'date: 2026-11-24', // a string: the core schema has no timestamps
      'tilde: ~',
      'empty:',
      'binary: 0b101', // a string: 0b is not in the core schema
      'under: 1_000', // a string
      'quoted: "12"',
      "single: 'it''s'",
      'escaped: "tab\\there \\u00e9"',
      '1: one', // key "1"
      'merge: { <<: x }',
    ].join('\n');
    const fast = parsePlainYaml(text);
    expect(fast).not.toBeNull();
    expect(fast?.value).toStrictEqual({
      octal: 15,
      hex: 31,
      exp: 1000,
      plus: 12,
      half: -0.5,
      inf: -Infinity,
      yes: 'yes',
      true: true,
      date: '2026-11-24',
      tilde: null,
      empty: null,
      binary: '0b101',
      under: '1_000',
      quoted: '12',
      single: "it's",
      escaped: 'tab\there é',
      '1': 'one',
      merge: { '<<': 'x' },
    });
    expectSameAsSlow(text);
  });

  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a custom tag', 'a: !env HOME\n'],
    ['a document marker', '---\na: 1\n'],
    ['a directive', '%YAML 1.2\n---\na: 1\n'],
    ['an explicit key', '? a\n: 1\n'],
    ['a block scalar', 'a: |\n  two\n  lines\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a multi-line quoted scalar', 'a: "one\n  two"\n'],
    ['an unterminated quote', 'a: "one\nb: 2\n'],
    ['a multi-line flow collection', 'a: { b: 1,\n  c: 2 }\n'],
    ['a tab', 'a:\t1\n'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['a null key', '~: 1\n'],
    ['an empty key', ': 1\n'],
    ['a null key in a flow map', 'a: { ~ }\n'],
    ['a collection as a key', '[a, b]: 1\n'],
    ['a flow map as a flow-map key', 'a: { { b: 1 }: 2 }\n'],
    ['a comment glued to a quote', 'a: "b"#c\n'],
    ['compact nested mappings', 'a: b: c\n'],
    ['an empty sequence item', 'a:\n  - x\n  - # nothing\nb: 1\n'],
    ['a trailing comma', 'a: [1, 2, ]\n'],
    ['a reserved indicator', 'a: @b\n'],
    ['an implicit key over 1000 characters', `${'k'.repeat(1100)}: 1\n`],
    ['a quoted implicit key over 1000 characters', `"${'k'.repeat(1100)}": 1\n`],
  ])('leaves %s to the full parser', (_what, text) => {
    expect(parsePlainYaml(text)).toBeNull();
  });

  it.each([
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['bad indentation', 'a:\n  b: 1\n c: 2\n'],
    ['nesting deeper than 64', `a: ${'['.repeat(80)}${']'.repeat(80)}\n`],
  ])('falls back when js-yaml refuses %s', (_what, text) => {
    expect(hasPlainShape(text)).toBe(true);
    expect(parsePlainYaml(text)).toBeNull();
  });

  it('gives any JSON value, written in several YAML styles, back as the full parser does', () => {
    let taken = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const texts = [stringify(value), toYaml(value), stringify(value, { collectionStyle: 'flow' }), stringify(value, { defaultStringType: 'QUOTE_SINGLE' })];
        for (const text of texts) {
          total++;
          if (expectSameAsSlow(text)) taken++;
        }
      }),
      { numRuns: 300 },
    );
    // Not vacuous: most generated documents take the fast path.
    expect(taken / total).toBeGreaterThan(0.6);
  }, 120_000);

  it('never accepts an edited file the full parser refuses, nor reads it differently', () => {
    const glyphs = [...' \n\t:-#"\'[]{},?*&!|>%@`~0.1e\\é'];
    let taken = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: exampleTexts.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...glyphs), fc.constantFrom('insert', 'delete', 'replace')), { minLength: 1, maxLength: 2 }),
        (which, edits) => {
          let text = exampleTexts[which] ?? '';
          for (const [at, glyph, how] of edits) {
            const i = at % (text.length + 1);
            text = how === 'insert' ? text.slice(0, i) + glyph + text.slice(i) : text.slice(0, i) + (how === 'replace' ? glyph : '') + text.slice(i + 1);
          }
          if (expectSameAsSlow(text)) taken++;
        },
      ),
      { numRuns: 1500 },
    );
    // Not vacuous: about half of the edited files still take the fast path.
    expect(taken).toBeGreaterThan(300);
  }, 120_000);

  it('a plain file that fails its schema still gets issues with line and column (parsed again with positions)', () => {
    const doc = parseSourceDocument('s.yaml', 'format: flowbench.scenario/1\nscenarios:\n  - name: a\n    user: [ { say: 1 } ]\n');
    expect(doc.issue(['scenarios', 0, 'user', 0, 'say'], 'scenarios[0].user[0].say', 'expected a string')).toEqual({
      file: 's.yaml',
      path: 'scenarios[0].user[0].say',
      message: 'expected a string',
      line: 4, // `    user: [ { say: 1 } ]`: 4 spaces, `user:` (5–9), ` [ { ` (10–14), `say:` (15–18), ` `, `1` at 20
      column: 20,
    });
  });
});
