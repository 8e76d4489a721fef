import { CST } from 'yaml';
import { formatIssuePath } from '../api/issue-path';
import { MAX_JSON_DEPTH, tooDeepMessage } from '../api/json-shape';
import type { FileIssue } from './format-error';

/**
 * The YAML parser takes about a second and 100 MB per 20,000 lines: a document is measured
 * before it is parsed. Every YAML entry needs a line of its own or a flow separator
 * (`,` `[` `{`), so these two counts bound the parser's work (README "Limits").
 */
export const MAX_YAML_LINES = 200_000;
export const MAX_YAML_FLOW_ITEMS = 200_000;

/** Refuses, before parsing, a YAML text with too many lines or flow-collection items. */
export function yamlSizeIssue(file: string, text: string): FileIssue | null {
  let lines = 1;
  let flowItems = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) lines++;
    else if (c === 0x2c || c === 0x5b || c === 0x7b) flowItems++;
  }
  if (lines > MAX_YAML_LINES) {
    return { file, path: '(file)', message: `too large to parse: ${lines} lines (the limit is ${MAX_YAML_LINES} lines of YAML)` };
  }
  if (flowItems > MAX_YAML_FLOW_ITEMS) {
    return {
      file,
      path: '(file)',
      message: `too large to parse: ${flowItems} flow-collection items (',' '[' '{'; the limit is ${MAX_YAML_FLOW_ITEMS})`,
    };
  }
  return null;
}

interface Visit {
  token: CST.Token;
  depth: number;
  /** Index in a list, or the token of a map key (read only when a path is reported). */
  key: number | CST.Token | null;
  parent: Visit | null;
}

/**
 * Refuses YAML nested deeper than the limit, measured on the parser's token tree (built
 * without recursion) before the document is composed (which recurses), with the path and
 * line of the first collection past the limit.
 */
export function cstDepthIssue(
  file: string,
  tokens: readonly CST.Token[],
  linePos: (offset: number) => { line: number; col: number },
  max: number = MAX_JSON_DEPTH,
): FileIssue | null {
  const stack: Visit[] = [];
  for (const token of tokens) if (token.type === 'document' && token.value) stack.push({ token: token.value, depth: 0, key: null, parent: null });
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    const { token } = visit;
    if (!CST.isCollection(token)) continue;
    const depth = visit.depth + 1;
    if (depth > max) {
      const path: (string | number)[] = [];
      for (let v: Visit | null = visit; v !== null && v.key !== null; v = v.parent) path.unshift(typeof v.key === 'number' ? v.key : keyOf(v.key));
      const pos = linePos(token.offset);
      return { file, path: formatIssuePath(path), message: tooDeepMessage(max), line: pos.line, column: pos.col };
    }
    let index = 0;
    const children: Visit[] = [];
    for (const item of token.items) {
      const key = item.key ? item.key : index++;
      if (item.key) children.push({ token: item.key, depth, key, parent: visit });
      if (item.value) children.push({ token: item.value, depth, key, parent: visit });
    }
    // Document order: the first child is visited first.
    for (let k = children.length - 1; k >= 0; k--) stack.push(children[k] as Visit);
  }
  return null;
}

function keyOf(token: CST.Token): string {
  if (CST.isScalar(token)) {
    const resolved = CST.resolveAsScalar(token, true, () => undefined);
    if (resolved) return resolved.value;
  }
  return '?';
}
