import { Document, isMap, isScalar, isSeq, visit } from 'yaml';
import type { Node } from 'yaml';

/** A collection of scalars this short is written on one line: `{ fixed: 300 }`, `[greet, read]`. */
const FLOW_MAX_CHARS = 72;

/**
 * YAML for a git diff: block style, one key per line, except short collections of scalars
 * which stay on one line like SPEC §2's examples. No line folding, no anchors. The same
 * value always gives the same bytes.
 */
export function toYaml(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Map(_key, node, path) {
      // `- ends: end` reads better than `- { ends: end }` in a list.
      const inList = isSeq(path[path.length - 1]);
      if (isShortLeaf(node) && !(inList && node.items.length === 1)) node.flow = true;
    },
    Seq(_key, node) {
      if (isShortLeaf(node)) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, indent: 2, indentSeq: true, flowCollectionPadding: true });
}

function isShortLeaf(node: Node): boolean {
  if (isMap(node)) {
    if (node.items.length === 0) return true;
    if (!node.items.every((pair) => isScalar(pair.key) && isScalar(pair.value) && !isMultiline(pair.value.value))) return false;
  } else if (isSeq(node)) {
    if (node.items.length === 0) return true;
    if (!node.items.every((item) => isScalar(item) && !isMultiline(item.value))) return false;
  } else {
    return false;
  }
  return JSON.stringify(node.toJSON()).length <= FLOW_MAX_CHARS;
}

function isMultiline(value: unknown): boolean {
  return typeof value === 'string' && value.includes('\n');
}
