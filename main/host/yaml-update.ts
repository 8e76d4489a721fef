import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { toYaml } from '../store/yaml-writer';

/**
 * The YAML text of `value`, written over `text` so that what did not change stays as it was:
 * comments, quoting, key order, flow or block style. Maps are merged key by key, lists of
 * maps with an `id` (routes) item by id, other lists item by item; a changed scalar or a new
 * node is written the way `toYaml` writes it. Text that does not parse is replaced whole.
 */
export function updateYamlText(text: string, value: unknown): string {
  const parsed = parseDocument(text);
  if (parsed.errors.length > 0 || parsed.contents === null) return toYaml(value);
  const doc: Document = parsed;
  if (doc.contents === null) return toYaml(value);
  doc.contents = merge(doc, doc.contents, value);
  return doc.toString({ lineWidth: 0, indent: 2, indentSeq: true, flowCollectionPadding: true });
}

function merge(doc: Document, node: Node, value: unknown): Node {
  if (isMap(node) && isPlainObject(value)) {
    for (const pair of [...node.items]) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (typeof key !== 'string' || !Object.hasOwn(value, key)) node.delete(pair.key);
    }
    for (const [key, item] of Object.entries(value)) {
      const existing: unknown = node.get(key, true);
      node.set(key, isNode(existing) ? merge(doc, existing, item) : fresh(item));
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(value)) {
    const byId = new Map<string, Node>();
    for (const item of node.items) {
      const id = isMap(item) ? item.get('id') : undefined;
      if (typeof id === 'string' && isNode(item)) byId.set(id, item);
    }
    const keyed = byId.size === node.items.length && value.every((v) => isPlainObject(v) && typeof v['id'] === 'string');
    const olds = node.items;
    node.items = value.map((item: unknown, i) => {
      const old = keyed && isPlainObject(item) ? byId.get(String(item['id'])) : olds[i];
      if (keyed && isPlainObject(item)) byId.delete(String(item['id'])); // a duplicated id reuses the node once
      return isNode(old) ? merge(doc, old, item) : fresh(item);
    });
    return node;
  }
  if (isScalar(node) && (value === null || typeof value !== 'object') && node.value === value) return node;
  return fresh(value);
}

/** A node for a new value, styled like toYaml (short collections of scalars on one line). */
function fresh(value: unknown): Node {
  const doc = parseDocument(toYaml(value));
  return doc.contents ?? parseDocument('null').contents!;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && (isMap(value) || isSeq(value) || isScalar(value));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
