import { LineCounter, isMap, isNode, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { ApiIssue } from '../../../main/api/errors';
import { formatIssuePath } from '../../../main/api/issue-path';
import { withoutRowFields } from '../../../main/api/formats/each-rows';
import { ScenarioEntry } from '../../../main/api/formats/scenario';
import { schemaIssues } from '../../../main/api/schema-issues';

export type IssueSource = 'yaml' | 'schema' | 'host';

/** A problem in the editor's text, with where it is (offsets and a 1-based line/column). */
export interface TextIssue {
  source: IssueSource;
  /** Where inside the scenario, e.g. `expect[0].ends`; `(yaml)` for syntax errors. */
  path: string;
  message: string;
  from: number;
  to: number;
  line: number;
  col: number;
}

export interface ScenarioCheck {
  /** The scenario as written, when the YAML parses to a mapping. */
  value: Record<string, unknown> | null;
  issues: TextIssue[];
}

/**
 * Checks the editor's text the way the host will: YAML syntax first, then the scenario
 * schema of the contract (the host adds its own checks — flow and module names — on save).
 */
export function checkScenarioYaml(text: string): ScenarioCheck {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): { line: number; col: number } => lineCounter.linePos(Math.min(Math.max(offset, 0), text.length));
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    // One mistake (an unclosed bracket) makes the parser report dozens of errors after it:
    // the first one is the mistake, the rest follow from it.
    const from = syntax.pos[0];
    const to = Math.max(syntax.pos[1], from + 1);
    return { value: null, issues: [{ source: 'yaml', path: '(yaml)', message: firstLine(syntax.message), from, to, ...position(from) }] };
  }
  const value: unknown = doc.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { value: null, issues: [{ source: 'schema', path: '(root)', message: 'expected a scenario: a mapping with name, flow, user, expect, …', from: 0, to: Math.max(text.length, 1), line: 1, col: 1 }] };
  }
  // A data-driven scenario's rows are checked by the host, filled in (placeholders may stand for numbers).
  const parsed = ScenarioEntry.safeParse(withoutRowFields(value));
  const issues: TextIssue[] = parsed.success
    ? []
    : schemaIssues(parsed.error).map((issue) => {
        const keys = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
        const range = rangeOf(doc, keys, text.length);
        return { source: 'schema', path: formatIssuePath(issue.path), message: issue.message, ...range, ...position(range.from) };
      });
  return { value: value as Record<string, unknown>, issues };
}

/**
 * Places the host's issues (paths like `scenario.expect[0].port.module`) in the text.
 * Paths outside the scenario (e.g. `file`) point at the start.
 */
export function locateIssues(text: string, issues: readonly ApiIssue[], prefix = 'scenario'): TextIssue[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  return issues.map((issue) => {
    const keys = parseIssuePath(issue.path);
    const inside = keys[0] === prefix ? keys.slice(1) : keys;
    const range = doc.errors.length > 0 ? { from: 0, to: 1 } : rangeOf(doc, inside, text.length);
    return { source: 'host', path: issue.path, message: issue.message, ...range, ...lineCounter.linePos(range.from) };
  });
}

/** `expect[0].port.module` → ['expect', 0, 'port', 'module']; `["a b"]` keys are understood too. */
export function parseIssuePath(path: string): (string | number)[] {
  if (path === '(root)' || path === '') return [];
  const keys: (string | number)[] = [];
  const pattern = /([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) keys.push(match[1]);
    else if (match[2] !== undefined) keys.push(Number(match[2]));
    else if (match[3] !== undefined) keys.push(JSON.parse(match[3]) as string);
  }
  return keys;
}

/** The text range of the deepest node the path reaches (the key of a missing field's parent). */
export function rangeOf(doc: Document, keys: readonly (string | number)[], length: number): { from: number; to: number } {
  let node: unknown = doc.contents;
  let best = rangeOfNode(node) ?? { from: 0, to: Math.max(length, 1) };
  for (const key of keys) {
    let next: unknown = undefined;
    let keyRange: { from: number; to: number } | null = null;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (pair) {
        keyRange = rangeOfNode(pair.key);
        next = pair.value;
      }
    } else if (isSeq(node) && typeof key === 'number') {
      next = node.items[key];
    }
    if (next === undefined || next === null) {
      if (keyRange) best = keyRange;
      break;
    }
    node = next;
    best = rangeOfNode(node) ?? keyRange ?? best;
  }
  return best;
}

function rangeOfNode(node: unknown): { from: number; to: number } | null {
  if (!isNode(node)) return null;
  const range = (node as YamlNode).range;
  if (!range) return null;
  return { from: range[0], to: Math.max(range[1], range[0] + 1) };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/**
 * Each problem once: the same path and message said twice (by the scenario check and by the
 * host, whose paths start with `scenario.`) is one problem.
 */
export function uniqueIssues(issues: readonly TextIssue[]): TextIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path.replace(/^scenario\.?/, '')}\n${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
