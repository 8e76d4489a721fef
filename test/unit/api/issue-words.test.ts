import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, routeNames } from '../../../main/api/contract';
import { FlowFile } from '../../../main/api/formats/flow';
import { MocksFile } from '../../../main/api/formats/mocks';
import { ScenarioFile } from '../../../main/api/formats/scenario';
import { schemaIssues } from '../../../main/api/schema-issues';
import { zodIssues } from '../../../main/api/validate';
import { examplesDir } from '../../support/paths';

/**
 * Issue #13.5: what a user reads about bad input is written for them. zod's own phrases
 * ("received NaN", "expected int, received number", "Invalid key in record", "Too big:
 * expected number to be <=100") must never reach a screen or a terminal, and each problem is
 * reported once.
 */
const ZOD_PHRASES = /received|Invalid key in record|Invalid element|expected int\b|Too (big|small)|Invalid (input|option|string|number|URL|ISO|base64)|Unrecognized key|to (be|have) [<>]=?|\bNaN\b/;

/** Put in every place of the example files: what a slip of the keyboard or a hostile file holds. */
const SWEEP: readonly unknown[] = [NaN, -500, 12.7, '', null, { 'a b': NaN }];
const HOSTILE: readonly unknown[] = [...SWEEP, Infinity, 1e300, [], -Infinity, 99_999_999_999, -0.5, 'x'.repeat(300), '12.7', true, [NaN], {}, { '': 1 }, 'NaN'];

function messagesOf(schema: z.ZodType, input: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(input);
  return result.success ? [] : zodIssues(result.error);
}

function expectUserWords(issues: readonly { path: string; message: string }[], what: string): void {
  for (const issue of issues) expect(issue.message, `${what} → ${issue.path}`).not.toMatch(ZOD_PHRASES);
  const keys = issues.map((i) => `${i.path}: ${i.message}`);
  expect(new Set(keys).size, `${what}: duplicated problems ${keys.join(' | ')}`).toBe(keys.length);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every place in a document (paths to its leaves and containers). */
function places(doc: Json, path: (string | number)[] = []): (string | number)[][] {
  const here = [path];
  if (Array.isArray(doc)) return [...here, ...doc.flatMap((v, i) => places(v, [...path, i]))];
  if (doc !== null && typeof doc === 'object') return [...here, ...Object.entries(doc).flatMap(([k, v]) => places(v, [...path, k]))];
  return here;
}

function replaced(doc: Json, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(doc)) return doc.map((v, i) => (i === head ? replaced(v, rest, value) : v));
  if (doc !== null && typeof doc === 'object') return { ...doc, [String(head)]: replaced((doc as Record<string, Json>)[String(head)] ?? null, rest, value) };
  return doc;
}

function examples(folder: string): { name: string; doc: Json }[] {
  const dir = join(examplesDir, folder);
  return readdirSync(dir).map((name) => ({ name, doc: parse(readFileSync(join(dir, name), 'utf8')) as Json }));
}

describe('problems with input are worded for users', () => {
  it('words what a hand-made schema rejects the way a user reads it (figures from the schema)', () => {
    const schema = z.strictObject({
      latency: z.number().int().min(0).max(86_400_000),
      name: z.string().min(1).max(4),
      keys: z.string().regex(/^[0-9*#]+$/),
      headers: z.record(z.string().regex(/^[a-z-]+$/), z.string()),
      mode: z.enum(['virtual', 'real']),
      list: z.array(z.number()).min(1),
      url: z.url(),
    });
    const issues = messagesOf(schema, { latency: 12.7, name: '', keys: 'ab', headers: { 'X Bad': 'v' }, mode: 'fast', list: [], url: 'nope', extra: 1 });
    expect(issues).toEqual([
      { path: 'latency', message: 'expected a whole number' },
      { path: 'name', message: 'must not be empty' },
      { path: 'keys', message: 'expected text matching /^[0-9*#]+$/' },
      { path: 'headers["X Bad"]', message: 'invalid name: expected text matching /^[a-z-]+$/' },
      { path: 'mode', message: 'expected one of: virtual, real' },
      { path: 'list', message: 'expected at least one item' },
      { path: 'url', message: 'expected a URL such as http://127.0.0.1:4010' },
      { path: 'extra', message: "unknown field 'extra'" },
    ]);
    expect(messagesOf(schema.shape.latency, NaN)).toEqual([{ path: '(root)', message: 'expected a number' }]);
    expect(messagesOf(schema.shape.latency, Infinity)).toEqual([{ path: '(root)', message: 'expected a finite number' }]);
    expect(messagesOf(schema.shape.latency, -500)).toEqual([{ path: '(root)', message: 'expected at least 0' }]);
    // 1e20 breaks both int()'s safe range and max(): one problem, the limit the user set.
    expect(messagesOf(z.number().int().max(100), 1e20)).toEqual([{ path: '(root)', message: 'expected at most 100' }]);
    expect(messagesOf(schema.shape.latency, '12')).toEqual([{ path: '(root)', message: 'expected a number, got text' }]);
    expect(messagesOf(schema.shape.name, 'longer')).toEqual([{ path: '(root)', message: 'expected at most 4 characters' }]);
  });

  it('keeps the words a schema sets itself', () => {
    expect(messagesOf(z.string().regex(/^\d+$/, 'expected digits'), 'x')).toEqual([{ path: '(root)', message: 'expected digits' }]);
  });

  it('never shows zod phrases or the same problem twice for hostile values anywhere in the example files', () => {
    const kinds: [string, z.ZodType][] = [
      ['flows', FlowFile],
      ['mocks', MocksFile],
      ['scenarios', ScenarioFile],
    ];
    let checked = 0;
    for (const [folder, schema] of kinds) {
      for (const { name, doc } of examples(folder)) {
        for (const path of places(doc)) {
          for (const value of SWEEP) {
            const issues = messagesOf(schema, replaced(doc, path, value));
            expectUserWords(issues, `${name} ${path.join('.')} = ${String(value)}`);
            checked += issues.length;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  }, 120_000);

  it('never shows zod phrases for any input to any host call', () => {
    const value = fc.oneof(fc.anything({ withNullPrototype: true, maxDepth: 3 }), fc.constantFrom(...HOSTILE));
    const input = fc.oneof(value, fc.dictionary(fc.constantFrom('id', 'text', 'keys', 'routeId', 'override', 'latency', 'timeScale', 'limit', 'file', 'flowFile', 'seed', 'x y'), value));
    fc.assert(
      fc.property(fc.constantFrom(...routeNames), input, (route, raw) => {
        expectUserWords(messagesOf(contract[route].input, raw), route);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('reports one problem once even when zod reports it twice', () => {
    const twice = new z.ZodError([
      { code: 'custom', path: ['a'], message: 'expected digits', input: 'x' },
      { code: 'custom', path: ['a'], message: 'expected digits', input: 'x' },
    ]);
    expect(schemaIssues(twice)).toEqual([{ path: ['a'], message: 'expected digits' }]);
  });
});
